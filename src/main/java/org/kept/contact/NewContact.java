package org.kept.contact;

import java.time.Instant;
import org.kept.ticket.Channel;

/**
 * A call or message as a channel adapter saw it. {@code externalId} is the provider's id (call id, SMS BizId,
 * Message-ID, WeChat MsgId): recording the same id twice returns the first contact. {@code address} is the E.164
 * number, email address or platform identity; {@code customerId} is null when nobody matched it.
 */
public record NewContact(Channel channel, Direction direction, String externalId, String address, Long customerId,
                         Long ticketId, Long handledBy, Instant startedAt, String summary) {

    public NewContact {
        if (channel == null || direction == null || startedAt == null) {
            throw new IllegalArgumentException("a contact needs its channel, direction and start");
        }
    }
}
