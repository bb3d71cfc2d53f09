package org.kept.sms.internal;

import java.time.Instant;

/** One SMS we sent or queued: what the outbox provider shows and what delivery reports find. */
public record SmsMessage(long id, long contactId, long outboxId, String provider, String toE164, String templateCode,
                         String body, String state, String providerId, String error, Instant createdAt) {
}
