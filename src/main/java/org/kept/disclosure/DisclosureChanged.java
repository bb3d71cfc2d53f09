package org.kept.disclosure;

import org.kept.shared.AuditableEvent;

/** A step of a disclosure request (submitted, checked, called back, reviewed, approved, downloaded …) for the audit log. */
public record DisclosureChanged(String actor, String action, String subject, String details) implements AuditableEvent {
}
