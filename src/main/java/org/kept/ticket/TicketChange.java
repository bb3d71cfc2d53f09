package org.kept.ticket;

/**
 * One typed entry on a ticket's timeline. The same records feed the timeline, the audit log and the activity stream.
 */
public sealed interface TicketChange {

    String kind();

    default String oldValue() {
        return null;
    }

    default String newValue() {
        return null;
    }

    default String body() {
        return null;
    }

    /** Whether the customer sees this entry on the portal. */
    default boolean publicToCustomer() {
        return false;
    }

    record Created(TicketType type, Priority priority, Channel channel) implements TicketChange {
        public String kind() {
            return "CREATED";
        }

        public String newValue() {
            return type + " " + priority + " " + channel;
        }

        public boolean publicToCustomer() {
            return true;
        }
    }

    record StateChanged(TicketState from, TicketState to) implements TicketChange {
        public String kind() {
            return "STATE";
        }

        public String oldValue() {
            return from.name();
        }

        public String newValue() {
            return to.name();
        }

        public boolean publicToCustomer() {
            return true;
        }
    }

    record Assigned(String from, String to) implements TicketChange {
        public String kind() {
            return "ASSIGNMENT";
        }

        public String oldValue() {
            return from;
        }

        public String newValue() {
            return to;
        }
    }

    record PriorityChanged(Priority from, Priority to) implements TicketChange {
        public String kind() {
            return "PRIORITY";
        }

        public String oldValue() {
            return from.name();
        }

        public String newValue() {
            return to.name();
        }
    }

    /** A public reply: from the centre to the customer, or from the customer. */
    record Replied(String body, boolean byCustomer) implements TicketChange {
        public String kind() {
            return byCustomer ? "CUSTOMER_REPLY" : "REPLY";
        }

        public boolean publicToCustomer() {
            return true;
        }
    }

    /** An internal note: never shown to the customer. */
    record NoteAdded(String body) implements TicketChange {
        public String kind() {
            return "NOTE";
        }
    }

    record MergedInto(String targetNumber) implements TicketChange {
        public String kind() {
            return "MERGED_INTO";
        }

        public String newValue() {
            return targetNumber;
        }

        public boolean publicToCustomer() {
            return true;
        }
    }

    record DuplicateMerged(String sourceNumber) implements TicketChange {
        public String kind() {
            return "MERGED_FROM";
        }

        public String newValue() {
            return sourceNumber;
        }
    }

    /**
     * The customer contacted the centre again about this open ticket (重复来电); {@code contacts} counts every contact so
     * far, the first one included, so escalation rules can react to "contacted 3 times".
     */
    record RepeatContacted(Channel channel, int contacts, String note) implements TicketChange {
        public String kind() {
            return "REPEAT_CONTACT";
        }

        public String oldValue() {
            return String.valueOf(contacts - 1);
        }

        public String newValue() {
            return String.valueOf(contacts);
        }

        public String body() {
            return (channel == null ? "" : channel.name()) + (note == null || note.isBlank() ? "" : ": " + note);
        }
    }

    // --- SLA entries (written by the sla module through Tickets.annotate) ---

    /** The clock stopped: waiting on the customer, or resolved. */
    record ClockPaused(String reason) implements TicketChange {
        public String kind() {
            return "CLOCK_PAUSED";
        }

        public String newValue() {
            return reason;
        }
    }

    /** The clock runs again; {@code pausedMinutes} is how long it stood, in the policy's working minutes. */
    record ClockResumed(String reason, long pausedMinutes) implements TicketChange {
        public String kind() {
            return "CLOCK_RESUMED";
        }

        public String oldValue() {
            return reason;
        }

        public String newValue() {
            return Long.toString(pausedMinutes);
        }
    }

    /**
     * A deadline is near (a warning) or has passed (a breach); {@code clock}: FIRST_RESPONSE, NEXT_UPDATE or
     * RESOLUTION; {@code due}: ISO instant.
     */
    record Deadline(String clock, String due, boolean breached) implements TicketChange {
        public String kind() {
            return breached ? "SLA_BREACH" : "SLA_WARNING";
        }

        public String oldValue() {
            return clock;
        }

        public String newValue() {
            return due;
        }
    }

    /** Functional (moved to the next tier) or hierarchical (lead told) escalation, with the handover note. */
    record Escalated(String from, String to, String body) implements TicketChange {
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
    record Expedited(String oldDue, String newDue, String body) implements TicketChange {
        public String kind() {
            return "EXPEDITED";
        }

        public String oldValue() {
            return oldDue;
        }

        public String newValue() {
            return newDue;
        }
    }

    /** A promise with a due time ({@code due}: ISO instant), or its outcome (KEPT / MISSED / FELL_TO_TEAM). */
    record Commitment(String state, String due, String body) implements TicketChange {
        public String kind() {
            return "COMMITMENT";
        }

        public String oldValue() {
            return state;
        }

        public String newValue() {
            return due;
        }
    }
}
