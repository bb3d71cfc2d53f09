package org.kept.audit;

/**
 * The outcome of walking the audit chain: how many sealed entries were checked, how many wait to be sealed,
 * and where the chain first breaks (an edited, deleted or inserted entry), if it does.
 */
public record AuditVerification(boolean valid, long checked, long pending, Long brokenAtSeq, String problem) {
}
