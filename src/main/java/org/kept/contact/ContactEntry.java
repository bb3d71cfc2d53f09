package org.kept.contact;

import org.kept.ticket.Channel;
import org.kept.ticket.TicketChange;

/** The contact module's entries on a ticket's timeline; the ticket module stores them without knowing these types. */
public sealed interface ContactEntry extends TicketChange.Annotation {

    /** A call or message joined the ticket; the body is its summary (a subject, the first line, the call's queue). */
    record Joined(long contactId, Channel channel, Direction direction, String outcome, String summary)
            implements ContactEntry {
        public String kind() {
            return "CONTACT";
        }

        public String oldValue() {
            return channel + " " + direction;
        }

        public String newValue() {
            return outcome;
        }

        public String body() {
            return summary;
        }
    }

    /** A channel's later word on a contact already on the ticket: delivered, undeliverable, no answer. */
    record Outcome(long contactId, Channel channel, String outcome, String detail) implements ContactEntry {
        public String kind() {
            return "CONTACT_OUTCOME";
        }

        public String oldValue() {
            return channel.name();
        }

        public String newValue() {
            return outcome;
        }

        public String body() {
            return detail;
        }
    }
}
