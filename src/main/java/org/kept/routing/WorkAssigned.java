package org.kept.routing;

import java.time.Instant;
import org.kept.ticket.Channel;

/** An agent accepted offered work: the channel module hands the conversation to them. */
public record WorkAssigned(long itemId, Channel channel, String reference, String queue, long agentId, Instant at) {
}
