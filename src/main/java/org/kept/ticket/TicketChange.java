package org.kept.ticket;

/**
 * One typed entry on a ticket's timeline. The same records feed the timeline, the audit log and the activity stream.
 * Sealed over the ticket's own changes; other modules add theirs as an {@link Annotation}.
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

    /**
     * An entry another module puts on a ticket's timeline through {@link Tickets#annotate}: an SLA warning, an expedite,
     * a call. That module owns the record type; the ticket module stores its kind, old and new values and body like any
     * entry, so reading a timeline needs no knowledge of the type, and listeners match on the record itself.
     */
    non-sealed interface Annotation extends TicketChange {
    }
}
