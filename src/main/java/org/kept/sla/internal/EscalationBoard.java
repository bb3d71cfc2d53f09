package org.kept.sla.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kept.ticket.TicketSummary;
import org.kept.ticket.Tickets;
import org.springframework.stereotype.Service;

/**
 * 升级看板: what breaches next, who holds it, how long the customer has waited. The clocks come along this module's
 * escalation_at index (per team on the team kept with each clock); the tickets' numbers, subjects and holders from the
 * ticket module, one batch for the page.
 */
@Service
public class EscalationBoard {

    private final ClockStore clocks;
    private final Tickets tickets;

    EscalationBoard(ClockStore clocks, Tickets tickets) {
        this.clocks = clocks;
        this.tickets = tickets;
    }

    /** One row: the ticket, its holder's ids, the next deadline and the wait since the centre last spoke. */
    public record Row(long ticketId, String number, String subject, int priority, String state, Long teamId, Long assigneeId,
                      Instant escalationAt, long minutesToBreach, int escalationLevel, Instant waitingSince,
                      long minutesWaited, int expedites, Instant createdAt) {

        /** Whether the deadline has passed at {@code now}: the board lists these first, apart from what is coming. */
        public boolean overdueAt(Instant now) {
            return escalationAt.isBefore(now);
        }
    }

    public List<Row> next(Long teamId, int limit, Instant now) {
        List<ClockStore.Running> running = clocks.nextToBreach(teamId, limit);
        Map<Long, TicketSummary> shown = tickets.summaries(running.stream().map(ClockStore.Running::ticketId).toList());
        return running.stream().map(r -> {
            TicketSummary t = shown.get(r.ticketId());
            return t == null ? null : new Row(r.ticketId(), t.number(), t.subject(), t.priority().rank(), t.state().name(),
                    t.teamId(), t.assigneeId(), r.escalationAt(), Duration.between(now, r.escalationAt()).toMinutes(),
                    r.escalationLevel(), r.waitingSince(), Math.max(0, Duration.between(r.waitingSince(), now).toMinutes()),
                    r.expedites(), t.createdAt().toInstant());
        }).filter(Objects::nonNull).toList();
    }
}
