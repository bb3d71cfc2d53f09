package org.kept.contact;

import java.time.Instant;
import org.kept.ticket.Channel;

/**
 * A message in the outbox. {@link #key()} is stable across retries and is what a sender gives the provider as its
 * idempotency key, so a crash between the provider's answer and our commit does not send twice.
 */
public record OutboxMessage(long id, Channel channel, Long contactId, String payload, String state, int attempts,
                            Instant nextAt, String providerId, String lastError) {

    public String key() {
        return "kept-" + id;
    }
}
