package org.kept.authority;

import org.kept.shared.AuditableEvent;

/** A change to the authority rules (a limit, an action kind, the approval ladder), for the audit log. */
public record AuthorityChanged(String actor, String action, String subject, String details) implements AuditableEvent {
}
