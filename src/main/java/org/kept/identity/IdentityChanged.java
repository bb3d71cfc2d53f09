package org.kept.identity;

import org.kept.shared.AuditableEvent;

/** An administrator changed a user, team or role (permission changes included). */
public record IdentityChanged(String actor, String action, String subject, String details) implements AuditableEvent {
}
