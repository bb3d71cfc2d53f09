package org.kept.aftersales;

import org.kept.shared.AuditableEvent;

/**
 * A refund or a case moved where no ticket records it (a refund asked for without one, a duplicate-payment case a bill
 * opened): the audit log has it all the same ({@code refund.SUCCEEDED}, {@code aftersales.case.OPEN} ...).
 */
public record AftersalesAudited(String actor, String action, String subject, String details) implements AuditableEvent {
}
