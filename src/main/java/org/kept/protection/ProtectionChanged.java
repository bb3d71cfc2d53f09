package org.kept.protection;

import org.kept.shared.AuditableEvent;

/** A flag, restriction, appeal, channel move or evidence export: every step goes to the audit log. */
public record ProtectionChanged(String actor, String action, String subject, String details) implements AuditableEvent {
}
