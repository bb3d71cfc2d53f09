package org.kept.survey.internal;

import java.time.Clock;
import java.time.Instant;
import org.kept.identity.Directory;
import org.kept.identity.UserView;
import org.kept.ticket.TicketChange;
import org.kept.ticket.TicketChanged;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every resolved ticket gets its survey scheduled, in the ticket's own transaction: the system chooses, nobody else.
 * A reopened ticket's survey waits for the next resolution; a reopening soon after "satisfied" is a signal.
 */
@Component
class SurveyScheduling {

    private final SurveyStore store;
    private final Tickets tickets;
    private final Directory directory;
    private final SurveySettings settings;
    private final Clock clock;

    SurveyScheduling(SurveyStore store, Tickets tickets, Directory directory, SurveySettings settings, Clock clock) {
        this.store = store;
        this.tickets = tickets;
        this.directory = directory;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener
    void on(TicketChanged event) {
        if (!(event.change() instanceof TicketChange.StateChanged moved)) {
            return;
        }
        Instant now = clock.instant();
        if (moved.to() == TicketState.RESOLVED) {
            TicketView ticket = tickets.get(event.ticketId());
            // whose work the survey measures: the ticket's holder, else whoever resolved it
            Long agent = ticket.assigneeId() != null ? ticket.assigneeId()
                    : directory.userNamed(event.actor()).map(UserView::id).orElse(null);
            store.schedule(ticket.id(), ticket.customerId(), ticket.teamId(), agent, ticket.category(), now,
                    now.plus(settings.delay));
        } else if (moved.to() == TicketState.OPEN
                && (moved.from() == TicketState.RESOLVED || moved.from() == TicketState.CLOSED)) {
            store.hold(event.ticketId());
            if (!SurveyActor.USERNAME.equals(event.actor())) {
                store.satisfiedSince(event.ticketId(), now.minus(settings.reopenWindow)).ifPresent(survey ->
                        store.signal(survey, Signal.REOPENED_AFTER_SATISFIED, event.actor(), now));
            }
        }
    }
}
