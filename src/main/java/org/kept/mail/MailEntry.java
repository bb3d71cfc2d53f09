package org.kept.mail;

import org.kept.ticket.TicketChange;

/** The mail channel's entries on a ticket's timeline. */
public sealed interface MailEntry extends TicketChange.Annotation {

    /** A permanent bounce: the customer's address no longer takes mail (the address itself is not written here). */
    record Undeliverable(String status, String detail) implements MailEntry {
        public String kind() {
            return "MAIL_UNDELIVERABLE";
        }

        public String oldValue() {
            return null;
        }

        public String newValue() {
            return status;
        }

        public String body() {
            return detail;
        }
    }

    /** A mail about a ticket closed longer than the reopen window started this ticket. */
    record FollowUpOf(String earlierNumber) implements MailEntry {
        public String kind() {
            return "MAIL_FOLLOW_UP";
        }

        public String oldValue() {
            return earlierNumber;
        }

        public String newValue() {
            return null;
        }

        public String body() {
            return null;
        }
    }

    /** An automatic reply (out of office, a list, a robot) recorded and not answered. */
    record AutoReply(String kind0, String subject) implements MailEntry {
        public String kind() {
            return "MAIL_AUTO_REPLY";
        }

        public String oldValue() {
            return null;
        }

        public String newValue() {
            return kind0;
        }

        public String body() {
            return subject;
        }
    }
}
