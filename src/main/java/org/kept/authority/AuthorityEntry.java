package org.kept.authority;

import org.kept.ticket.TicketChange;

/**
 * The authority module's entries on a ticket's timeline: a grant, an exception request, each approver's decision, a
 * withdrawal and an expiry. The ticket module stores them like any entry (and audits them); the body is a
 * {@code shared.LocalText} read in each reader's language. None is shown to the customer.
 */
public sealed interface AuthorityEntry extends TicketChange.Annotation {

    /** Granted (old value: the action; new value: the amount, "12.50 CNY"); {@code requestId} when it was approved. */
    record Granted(long grantId, String action, String amount, Long requestId, String body) implements AuthorityEntry {
        public String kind() {
            return "AUTHORITY_GRANT";
        }

        public String oldValue() {
            return action;
        }

        public String newValue() {
            return amount;
        }
    }

    /** An exception request filed above the agent's limit (new value: the chain's levels, "LEAD>COMPLAINTS"). */
    record Requested(long requestId, String action, String amount, String chain, String body) implements AuthorityEntry {
        public String kind() {
            return "AUTHORITY_REQUEST";
        }

        public String oldValue() {
            return action + " " + amount;
        }

        public String newValue() {
            return chain;
        }
    }

    /** One approver's decision (APPROVED or REJECTED) at a step of the chain, with their comment in the body. */
    record Decided(long requestId, int step, String decision, String body) implements AuthorityEntry {
        public String kind() {
            return "AUTHORITY_DECISION";
        }

        public String oldValue() {
            return Integer.toString(step);
        }

        public String newValue() {
            return decision;
        }
    }

    /** The request ended without a grant: WITHDRAWN by its requester, or EXPIRED with nobody deciding. */
    record Ended(long requestId, String state, String body) implements AuthorityEntry {
        public String kind() {
            return "AUTHORITY_" + state;
        }

        public String newValue() {
            return state;
        }
    }
}
