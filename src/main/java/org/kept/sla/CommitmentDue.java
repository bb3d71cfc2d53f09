package org.kept.sla;

import java.time.Instant;

/**
 * A promise to call the customer back falls due soon (its reminder fires, {@code kept.sla.commitment.reminder-lead}
 * before {@code due}), published in the transaction that records the reminder; {@code ownerId} is null once it fell
 * to {@code teamId}.
 */
public record CommitmentDue(long commitmentId, long ticketId, Long ownerId, Long teamId, String promise, Instant due) {
}
