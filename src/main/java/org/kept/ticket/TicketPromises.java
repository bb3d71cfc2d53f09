package org.kept.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kept.identity.CurrentUser;
import org.springframework.http.HttpStatus;

/**
 * The promises (承诺) made on a ticket, as the ticket module needs them: resolving or closing a ticket asks what becomes
 * of each open one, and the portal shows the customer the time promised. The sla module implements it (it owns the
 * promises and depends on this module); without an implementation tickets close as before and the portal shows the
 * SLA date.
 */
public interface TicketPromises {

    /** Open promises on the ticket, soonest first. */
    List<Promise> open(long ticketId);

    /** Carries out what the person closing the ticket decided for each open promise, in the closing transaction. */
    void settle(long ticketId, List<Decision> decisions, CurrentUser by);

    /** The time of the soonest open promise made to the customer on this ticket, if any. */
    Optional<Instant> promisedToCustomer(long ticketId);

    /** An open promise: what was promised, by when, and who holds it (null: the team). */
    record Promise(long id, String promise, Instant due, Long ownerId) {
    }

    /** What happens to an open promise when its ticket is resolved or closed. */
    enum Outcome {
        /** It stays open (the callback still happens after the ticket is resolved). */
        KEEP,
        /** It was kept; the reason says how. */
        KEPT,
        /** It no longer applies; a reason is required. */
        CANCEL
    }

    record Decision(long promiseId, Outcome outcome, String reason) {
    }

    /**
     * The ticket has open promises and the request did not say what to do with them: a 409 listing them, so the page
     * can ask and an API client can decide.
     */
    final class Undecided extends org.kept.shared.KeptException {

        private final transient List<Promise> open;

        public Undecided(String number, List<Promise> open) {
            super(HttpStatus.CONFLICT, "ticket.promises.undecided", number, open.size());
            this.open = List.copyOf(open);
        }

        public List<Promise> open() {
            return open;
        }
    }
}
