package org.kept.sla;

import java.time.Instant;
import org.kept.ticket.TicketChange;

/**
 * The SLA module's entries on a ticket's timeline. The ticket module stores them like any entry (kind, old and new
 * values, body) without knowing these types; listeners match on the records. None is shown to the customer.
 */
public sealed interface SlaEntry extends TicketChange.Annotation {

    /** The clock stopped: waiting on the customer, or resolved. */
    record ClockPaused(PauseReason reason) implements SlaEntry {
        public String kind() {
            return "CLOCK_PAUSED";
        }

        public String newValue() {
            return reason.name();
        }
    }

    /** The clock runs again; {@code pausedMinutes} is how long it stood, in the policy's working minutes. */
    record ClockResumed(PauseReason reason, long pausedMinutes) implements SlaEntry {
        public String kind() {
            return "CLOCK_RESUMED";
        }

        public String oldValue() {
            return reason.name();
        }

        public String newValue() {
            return Long.toString(pausedMinutes);
        }
    }

    /** A deadline is near (a warning) or has passed (a breach); {@code clock}: FIRST_RESPONSE, NEXT_UPDATE or RESOLUTION. */
    record Deadline(String clock, Instant due, boolean breached) implements SlaEntry {
        public String kind() {
            return breached ? "SLA_BREACH" : "SLA_WARNING";
        }

        public String oldValue() {
            return clock;
        }

        public String newValue() {
            return due.toString();
        }
    }

    /** Functional (moved to the next tier) or hierarchical (lead told) escalation, with the handover note. */
    record Escalated(String from, String to, String body) implements SlaEntry {
        public String kind() {
            return "ESCALATED";
        }

        public String oldValue() {
            return from;
        }

        public String newValue() {
            return to;
        }
    }

    /** 加急: the customer asked, the deadline moved from {@code oldDue} to {@code newDue}; the reason is the body. */
    record Expedited(Instant oldDue, Instant newDue, String body) implements SlaEntry {
        public String kind() {
            return "EXPEDITED";
        }

        public String oldValue() {
            return oldDue.toString();
        }

        public String newValue() {
            return newDue.toString();
        }
    }

    /** A promise with its due time, or what became of it. */
    record Commitment(Step step, Instant due, String body) implements SlaEntry {

        /** Promised (OPEN), kept, missed, fallen to the team because its owner is away, or cancelled at closing. */
        public enum Step {
            OPEN, KEPT, MISSED, FELL_TO_TEAM, CANCELLED
        }

        public String kind() {
            return "COMMITMENT";
        }

        public String oldValue() {
            return step.name();
        }

        public String newValue() {
            return due.toString();
        }
    }

    /**
     * A promise followed its ticket to another holder (a reassignment or a shift handover): {@code from} and {@code to}
     * name the holders ("team / person"), the body is the promise.
     */
    record CommitmentMoved(String from, String to, String body) implements SlaEntry {
        public String kind() {
            return "COMMITMENT_MOVED";
        }

        public String oldValue() {
            return from;
        }

        public String newValue() {
            return to;
        }
    }
}
