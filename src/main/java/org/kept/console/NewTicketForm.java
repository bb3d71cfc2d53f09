package org.kept.console;

import java.util.UUID;
import org.kept.ticket.Channel;
import org.kept.ticket.Handling;
import org.kept.ticket.NewTicket;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketType;

/**
 * The "record a ticket" form. Its idempotency key is made when the form is shown, so pressing "record" twice (or
 * a browser resending the POST) gives the same ticket, never two.
 */
record NewTicketForm(String idempotencyKey, Long customerId, String newName, String newPhone, TicketType type,
                     String category, Channel channel, Priority priority, String subject, String description,
                     String incidentTime, String incidentPlace, String peopleInvolved, String contactPhone, Long teamId,
                     Handling handling) {

    static NewTicketForm blank(Long customerId, Long teamId) {
        return new NewTicketForm(UUID.randomUUID().toString(), customerId, null, null, null, null, Channel.PHONE,
                Priority.P3, null, null, null, null, null, null, teamId, Handling.SELF);
    }

    /** The blank form for a caller nobody knows: the screen pop fills in the number the call came from. */
    NewTicketForm withNewPhone(String phone) {
        return new NewTicketForm(idempotencyKey, customerId, newName, phone, type, category, channel, priority, subject,
                description, incidentTime, incidentPlace, peopleInvolved, contactPhone, teamId, handling);
    }

    boolean describesNewCustomer() {
        return newName != null && !newName.isBlank() || newPhone != null && !newPhone.isBlank();
    }

    NewTicketForm forCustomer(long id) {
        return new NewTicketForm(idempotencyKey, id, null, null, type, category, channel, priority, subject, description,
                incidentTime, incidentPlace, peopleInvolved, contactPhone, teamId, handling);
    }

    /** The same form with the contact phone the agent did not retype: the customer's own number, masked or not. */
    NewTicketForm withContactPhone(String phone) {
        return new NewTicketForm(idempotencyKey, customerId, newName, newPhone, type, category, channel, priority, subject,
                description, incidentTime, incidentPlace, peopleInvolved, phone, teamId, handling);
    }

    /** Who acts on it; a form sent without the choice (an old page) is the agent's own, as the form's default. */
    public Handling handlingOrSelf() {
        return handling == null ? Handling.SELF : handling;
    }

    NewTicket toTicket(org.kept.identity.CurrentUser me) {
        return handlingOrSelf().applyTo(new NewTicket(type, blankToNull(category), channel, priority, subject, description,
                incidentTime, incidentPlace, peopleInvolved, contactPhone, customerId == null ? 0 : customerId, teamId, null), me);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
