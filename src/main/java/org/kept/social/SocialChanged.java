package org.kept.social;

import org.kept.shared.AuditableEvent;

/**
 * An administrator's change to a social account, or a mention answered or turned into a ticket; in the audit log.
 * Secrets are never in {@code details}, only which of them changed.
 */
public record SocialChanged(String actor, String action, String subject, String details) implements AuditableEvent {
}
