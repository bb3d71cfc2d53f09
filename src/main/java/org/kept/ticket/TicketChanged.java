package org.kept.ticket;

import org.kept.customer.CustomerSummary;
import org.kept.shared.AuditableEvent;

/**
 * Published in the same transaction as every ticket change; SLA, reporting and the audit log react to it.
 * {@code ticket} and {@code customer} are what the publisher already holds (the ticket as it stands after the change,
 * its customer as read for the change), so a listener need not read them again; null when the publisher has not got
 * them, and then a listener reads them itself.
 */
public record TicketChanged(long ticketId, String number, String actor, TicketChange change, TicketView ticket,
                            CustomerSummary customer) implements AuditableEvent {

    public TicketChanged(long ticketId, String number, String actor, TicketChange change) {
        this(ticketId, number, actor, change, null, null);
    }

    @Override
    public String action() {
        return "ticket." + change.kind().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String subject() {
        return "ticket:" + number;
    }

    @Override
    public String details() {
        if (change.oldValue() == null && change.newValue() == null) {
            return change.body() == null ? "" : change.body().length() + " chars";
        }
        return (change.oldValue() == null ? "" : change.oldValue() + " -> ") + (change.newValue() == null ? "" : change.newValue());
    }
}
