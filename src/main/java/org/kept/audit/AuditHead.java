package org.kept.audit;

import java.time.Instant;

/**
 * The chain's head as published for auditors: the last sealed entry's sequence number and hash, the head's signature
 * under the audit key and which key that is (a fingerprint). An auditor keeps copies outside Kept; verifying later
 * with {@code seq} and {@code hash} proves the chain still holds them, that is, nothing up to there was rewritten.
 */
public record AuditHead(long seq, String hash, String signature, String keyId, Instant at) {
}
