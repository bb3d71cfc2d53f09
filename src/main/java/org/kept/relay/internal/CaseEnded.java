package org.kept.relay.internal;

import org.kept.ticket.TicketChange;
import org.kept.ticket.TicketChanged;
import org.kept.ticket.TicketState;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A resolved or closed ticket no longer needs its privacy numbers or its restrictions: they are marked in the
 * ticket's own transaction (so a crash cannot forget them) and the provider and platform are told right after it
 * commits, outside it; whatever that misses, the scheduled pass ({@link RelayWorker}) finishes.
 */
@Component
class CaseEnded {

    private final RelayDesk relay;
    private final PartyActions restrictions;

    CaseEnded(RelayDesk relay, PartyActions restrictions) {
        this.relay = relay;
        this.restrictions = restrictions;
    }

    static boolean ends(TicketChanged event) {
        return event.change() instanceof TicketChange.StateChanged moved
                && (moved.to() == TicketState.RESOLVED || moved.to() == TicketState.CLOSED);
    }

    @EventListener
    void mark(TicketChanged event) {
        if (ends(event)) {
            relay.caseEnded(event.ticketId());
            restrictions.caseEnded(event.ticketId());
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void release(TicketChanged event) {
        if (ends(event)) {
            relay.releaseDue();
            restrictions.liftDue();
        }
    }
}
