package org.kept.relay;

import org.kept.ticket.TicketChange;

/**
 * The relay module's entries on a ticket's timeline: a call bound through a privacy number, a call the provider
 * reported (with its recording link), a binding released, an account restriction placed or lifted. Numbers in them
 * are masked; none is shown to the customer.
 */
public sealed interface RelayEntry extends TicketChange.Annotation {

    /** An AXB binding (new value: the masked X number; body: who dials whom). */
    record Bound(long bindingId, String maskedX, String body) implements RelayEntry {
        public String kind() {
            return "RELAY_BOUND";
        }

        public String newValue() {
            return maskedX;
        }
    }

    /** A call the provider reported (old value: its direction; new value: seconds talked; body with the recording link). */
    record Called(long callId, String direction, String seconds, String body) implements RelayEntry {
        public String kind() {
            return "RELAY_CALL";
        }

        public String oldValue() {
            return direction;
        }

        public String newValue() {
            return seconds;
        }
    }

    /** A binding released (new value: why: CASE_CLOSED, EXPIRED, BY_HAND). */
    record Released(long bindingId, String reason, String body) implements RelayEntry {
        public String kind() {
            return "RELAY_RELEASED";
        }

        public String newValue() {
            return reason;
        }
    }

    /** The counterparty's account restricted on the platform (new value: until when, ISO). */
    record Restricted(long restrictionId, String until, String body) implements RelayEntry {
        public String kind() {
            return "PARTY_RESTRICTED";
        }

        public String newValue() {
            return until;
        }
    }

    /** A restriction lifted (new value: why: CASE_CLOSED, EXPIRED, BY_HAND). */
    record Lifted(long restrictionId, String reason, String body) implements RelayEntry {
        public String kind() {
            return "PARTY_LIFTED";
        }

        public String newValue() {
            return reason;
        }
    }
}
