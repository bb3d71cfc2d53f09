package org.kept.ticket;

import org.kept.shared.AuditableEvent;

/** Published in the same transaction as every ticket change; SLA, reporting and the audit log react to it. */
public record TicketChanged(long ticketId, String number, String actor, TicketChange change) implements AuditableEvent {

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
