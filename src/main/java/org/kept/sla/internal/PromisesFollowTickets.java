package org.kept.sla.internal;

import org.kept.ticket.TicketChange;
import org.kept.ticket.TicketChanged;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * 承诺随工单走: when a ticket changes hands (a lead reassigns it, an agent takes it, a shift handover moves it) the
 * ticket module publishes the assignment; its open promises then follow it, in the same transaction, so a reminder
 * never goes to someone who no longer holds the work.
 */
@Component
class PromisesFollowTickets {

    private final CommitmentDesk commitments;
    private final Tickets tickets;

    PromisesFollowTickets(CommitmentDesk commitments, Tickets tickets) {
        this.commitments = commitments;
        this.tickets = tickets;
    }

    @EventListener
    void on(TicketChanged event) {
        if (!(event.change() instanceof TicketChange.Assigned)) {
            return;
        }
        TicketView t = event.ticket() != null ? event.ticket() : tickets.get(event.ticketId());
        commitments.follow(t.id(), t.assigneeId(), t.teamId());
    }
}
