package org.kept.sla.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.kept.ticket.TicketPromises;
import org.springframework.stereotype.Component;

/**
 * The ticket module's view of a ticket's promises: what is open when someone resolves or closes it, carrying out what
 * they decided for each, and the time promised to the customer for the portal.
 */
@Component
class PromisesAtClosing implements TicketPromises {

    /** What a promise marked kept at closing says when the person gave no words of their own. */
    static final String KEPT_AT_CLOSING = "随工单解决兑现 Kept as the ticket was resolved";

    private final CommitmentDesk commitments;

    PromisesAtClosing(CommitmentDesk commitments) {
        this.commitments = commitments;
    }

    @Override
    public List<Promise> open(long ticketId) {
        return commitments.openOnTicket(ticketId).stream()
                .map(c -> new Promise(c.id(), c.promise(), c.due(), c.ownerId())).toList();
    }

    @Override
    public void settle(long ticketId, List<Decision> decisions, CurrentUser by) {
        // the versions read here are the ones the decisions were made on: the whole closing is one transaction
        java.util.Map<Long, Integer> open = commitments.openOnTicket(ticketId).stream()
                .collect(Collectors.toMap(CommitmentDesk.Commitment::id, c -> (int) c.version()));
        for (Decision d : decisions) {
            if (!open.containsKey(d.promiseId()) || d.outcome() == null) {
                throw KeptException.invalid("sla.commitment.notOpenHere", d.promiseId());
            }
        }
        for (Decision d : decisions) {
            String reason = d.reason() == null || d.reason().isBlank() ? null : d.reason().strip();
            switch (d.outcome()) {
                case KEEP -> { } // stays open: the callback still happens after the ticket is resolved
                case KEPT -> commitments.keep(d.promiseId(), reason == null ? KEPT_AT_CLOSING : reason, open.get(d.promiseId()),
                        null, null, by);
                case CANCEL -> commitments.cancel(d.promiseId(), reason, by);
            }
        }
    }

    @Override
    public Optional<Instant> promisedToCustomer(long ticketId) {
        return commitments.openOnTicket(ticketId).stream().map(CommitmentDesk.Commitment::due).findFirst();
    }
}
