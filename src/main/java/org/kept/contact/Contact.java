package org.kept.contact;

import java.time.Instant;
import org.kept.ticket.Channel;

/** A recorded call or message. {@code outcome} is the channel's last word on it (ANSWERED, ABANDONED, DELIVERED, FAILED…). */
public record Contact(long id, Channel channel, Direction direction, String externalId, String address, Long customerId,
                      Long ticketId, Long handledBy, Instant startedAt, Instant endedAt, String summary,
                      String outcome) {
}
