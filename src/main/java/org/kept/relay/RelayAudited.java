package org.kept.relay;

import org.kept.shared.AuditableEvent;

/**
 * A bind, unbind, reveal, restriction or lift, for the audit log. Numbers in {@code details} are masked: the audit
 * log says who acted and on what, it does not become a second place to read the numbers from.
 */
public record RelayAudited(String actor, String action, String subject, String details) implements AuditableEvent {
}
