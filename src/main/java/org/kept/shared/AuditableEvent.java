package org.kept.shared;

/**
 * A domain event the audit log records. Modules publish these; the audit module listens to all of them,
 * so nobody depends on the audit module.
 */
public interface AuditableEvent {

    /** Username of whoever caused it, or {@code system}. */
    String actor();

    /** What happened, e.g. {@code ticket.state}, {@code pii.reveal}, {@code login.success}. */
    String action();

    /** What it happened to, e.g. {@code ticket:20261122-0001}. */
    String subject();

    /** Old and new values or the reason, as a short text. */
    String details();
}
