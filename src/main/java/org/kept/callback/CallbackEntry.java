package org.kept.callback;

import java.time.Instant;
import org.kept.ticket.TicketChange;

/**
 * The callback module's entries on a ticket's timeline: a callback asked for, each attempt's outcome, and how the task
 * ended. The ticket module stores them like any entry; the body is a {@code shared.LocalText} read in each reader's
 * language. None is shown to the customer.
 */
public sealed interface CallbackEntry extends TicketChange.Annotation {

    /** A callback task was opened (old value: its reason; new value: when it is due). */
    record Requested(long taskId, Callbacks.Reason reason, Instant due, String body) implements CallbackEntry {
        public String kind() {
            return "CALLBACK";
        }

        public String oldValue() {
            return reason.name();
        }

        public String newValue() {
            return due.toString();
        }
    }

    /** An attempt's outcome (REACHED, NO_ANSWER, WRONG_NUMBER, CALL_AGAIN); {@code seq} counts from 1. */
    record Attempted(long taskId, int seq, String outcome, String body) implements CallbackEntry {
        public String kind() {
            return "CALLBACK_ATTEMPT";
        }

        public String oldValue() {
            return Integer.toString(seq);
        }

        public String newValue() {
            return outcome;
        }
    }

    /** The task ended: DONE (the customer was reached) or GAVE_UP (wrong number, or out of attempts). */
    record Closed(long taskId, String state, String body) implements CallbackEntry {
        public String kind() {
            return "CALLBACK_CLOSED";
        }

        public String newValue() {
            return state;
        }
    }
}
