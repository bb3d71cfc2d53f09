package org.kept.phone;

import java.time.Instant;

/**
 * A call's state after a PBX event: QUEUED, RINGING (offered to {@code agentRef}, the agent Kept knows as
 * {@code agentId} or null), ANSWERED or ENDED; {@code since} is when it entered that state. Published in the event's
 * transaction, for views that follow the PBX's decisions live (the routing module's queue view); no phone number.
 */
public record CallProgress(long callRow, String queue, String state, Long agentId, String agentRef, Instant since) {
}
