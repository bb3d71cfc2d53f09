package org.kept.inbox;

import java.time.Instant;
import java.util.List;
import org.kept.ticket.Channel;

/**
 * One conversation in the list: {@code reference} is the channel's own ("chat:12", "ticket:34"); {@code inboundAt} the
 * times of the customer's latest messages (at most a hundred), from which the inbox counts the unread ones.
 */
public record InboxLine(Channel channel, String reference, String title, String who, Long customerId, Long ticketId,
                        Instant lastAt, List<Instant> inboundAt) {
}
