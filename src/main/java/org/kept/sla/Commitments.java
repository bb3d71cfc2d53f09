package org.kept.sla;

import java.time.Instant;
import java.util.List;

/** Read side of commitments for other modules (shift handover lists what falls due and what moves). */
public interface Commitments {

    /** Open promises held by this person that fall due before {@code until}, soonest first. */
    List<CommitmentView> openFor(long ownerId, Instant until);

    /** Open promises on these tickets (a handover's preview counts those that will move with them), soonest first. */
    List<CommitmentView> openOn(java.util.Collection<Long> ticketIds);
}
