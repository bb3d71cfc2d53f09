package org.kept.console;

import org.kept.ticket.RepeatContacts;
import java.time.LocalDateTime;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketType;

/** One line of a ticket list as a person reads it: names instead of ids, personal data masked for the viewer. */
record TicketRow(long id, String number, Priority priority, TicketState state, TicketType type, String subject,
                 long customerId, String customer, String phone, String team, String assignee, LocalDateTime createdAt,
                 org.kept.shared.Elapsed age, RepeatContacts.Counter contacts, java.time.Instant nextDeadline) {
}
