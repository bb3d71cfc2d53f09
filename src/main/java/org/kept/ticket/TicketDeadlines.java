package org.kept.ticket;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the ticket's API reads its SLA deadlines from. The sla module implements it (it owns the clocks and depends on
 * this module, so the ticket module cannot call it directly); without an implementation tickets show no deadlines.
 */
public interface TicketDeadlines {

    Optional<Deadlines> of(long ticketId);

    /** The clocks of a page of tickets at once (queues); tickets without a clock are left out. */
    default java.util.Map<Long, Deadlines> ofAll(java.util.Collection<Long> ticketIds) {
        java.util.Map<Long, Deadlines> all = new java.util.HashMap<>();
        ticketIds.forEach(id -> of(id).ifPresent(d -> all.put(id, d)));
        return all;
    }

    /** The clock of one ticket: deadlines (null when met, stopped or not set), the pause, and how often it was expedited. */
    record Deadlines(Instant firstResponseDue, Instant nextUpdateDue, Instant resolutionDue, Instant escalationAt,
                     Instant pausedSince, long pausedMinutes, int expedites, int escalationLevel) {
    }
}
