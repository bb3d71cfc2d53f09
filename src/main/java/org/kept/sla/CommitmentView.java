package org.kept.sla;

import java.time.Instant;

/** A promise made to a customer on a ticket ("we will call you back by 15:00 tomorrow"). */
public record CommitmentView(long id, long ticketId, String ticketNumber, Long ownerId, Long teamId, String promise,
        Instant due, CommitmentState state) {
}
