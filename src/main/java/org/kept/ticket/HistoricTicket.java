package org.kept.ticket;

import java.time.Instant;
import java.util.List;

/**
 * A ticket as a centre recorded it before Kept: what was asked ({@code ticket}, checked as a new one is), who recorded
 * it and when, where it stands now, and its timeline after the creation entry (notes, replies, state changes).
 */
public record HistoricTicket(NewTicket ticket, long recordedBy, Instant createdAt, TicketState state, Instant updatedAt,
                             List<Step> timeline) {

    public HistoricTicket {
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    /** One timeline entry: what changed, who did it, and when. */
    public record Step(TicketChange change, long actorId, Instant at) {
    }
}
