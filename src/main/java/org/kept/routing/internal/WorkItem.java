package org.kept.routing.internal;

import java.time.Instant;
import org.kept.ticket.Channel;

/** Written work in a queue: WAITING, OFFERED (to agentId until offerExpiresAt), ASSIGNED (to agentId), DONE, CANCELLED. */
public record WorkItem(long id, long queueId, Channel channel, String reference, int priority, String tier,
                       Instant submittedAt, Instant rankAt, Instant queueSince, String state, Long agentId,
                       Instant offerExpiresAt, Instant assignedAt, boolean overflowed, int version) {
}
