package org.kept.ticket;

import org.kept.shared.AuditableEvent;

/** Historic tickets were imported: {@code count} tickets numbered {@code first} to {@code last}. */
public record TicketsImported(String actor, int count, String first, String last) implements AuditableEvent {

    @Override
    public String action() {
        return "ticket.import";
    }

    @Override
    public String subject() {
        return "ticket:" + first;
    }

    @Override
    public String details() {
        return count + " tickets, " + first + " .. " + last;
    }
}
