package org.kept.aftersales;

import org.kept.ticket.TicketChange;

/**
 * The after-sales module's entries on a ticket's timeline: each move of a refund, a case opened or closed, a pickup
 * scheduled. The ticket module stores them like any entry (and audits them); the body is a {@code shared.LocalText}
 * read in each reader's language. None is shown to the customer.
 */
public sealed interface AftersalesEntry extends TicketChange.Annotation {

    /** A refund moved (old value: the state before, empty for a new one; new value: the state now). */
    record RefundMoved(String refundNo, String from, String to, String body) implements AftersalesEntry {
        /** At most 20 characters, as the timeline stores kinds: AWAITING_APPROVAL is REFUND_AWAITING. */
        public String kind() {
            return "REFUND_" + ("AWAITING_APPROVAL".equals(to) ? "AWAITING" : to);
        }

        public String oldValue() {
            return from;
        }

        public String newValue() {
            return to;
        }
    }

    /** A case opened (OPEN), its return received (RETURN_RECEIVED) or closed (CLOSED); the new value is the state. */
    record CaseMoved(long caseId, String caseKind, String state, String body) implements AftersalesEntry {
        public String kind() {
            return "CASE_" + state;
        }

        public String oldValue() {
            return caseKind;
        }

        public String newValue() {
            return state;
        }
    }

    /** The return's one pickup was scheduled (new value: the window's start). */
    record PickupScheduled(long caseId, String windowStart, String body) implements AftersalesEntry {
        public String kind() {
            return "PICKUP_SCHEDULED";
        }

        public String newValue() {
            return windowStart;
        }
    }
}
