package org.kept.audit;

/**
 * The outcome of walking the audit chain: how many sealed entries were checked, how many wait to be sealed,
 * where the chain first breaks (an edited, deleted, inserted or re-signed entry), if it does, and the fingerprint of
 * the key the signatures were checked with.
 */
public record AuditVerification(boolean valid, long checked, long pending, Long brokenAtSeq, String problem, String keyId) {
}
