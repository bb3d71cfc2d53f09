package org.kept.console;

import java.util.UUID;
import org.kept.ticket.Channel;
import org.kept.ticket.NewTicket;
import org.kept.ticket.TicketType;

/** What a customer submits on the portal; the key made with the form keeps a double submit to one ticket. */
record PortalForm(String idempotencyKey, TicketType type, String subject, String description) {

    static PortalForm blank() {
        return new PortalForm(UUID.randomUUID().toString(), null, null, null);
    }

    NewTicket toTicket(long customerId) {
        return new NewTicket(type, null, Channel.PORTAL, null, subject, description, null, null, null, null, customerId,
                null, null);
    }
}
