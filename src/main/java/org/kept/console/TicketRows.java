package org.kept.console;

import org.kept.ticket.RepeatContacts;
import java.util.List;
import java.util.Map;
import org.kept.customer.CustomerSummary;
import org.kept.customer.Customers;
import org.kept.identity.CurrentUser;
import org.kept.ticket.TicketSummary;
import org.springframework.stereotype.Component;

/** Turns ticket summaries into rows: one batched customer lookup per list, never one per row. */
@Component
class TicketRows {

    private final Customers customers;
    private final Names names;
    private final CentreTime time;
    private final RepeatContacts repeatContacts;
    private final org.springframework.beans.factory.ObjectProvider<org.kept.ticket.TicketDeadlines> deadlines;

    TicketRows(Customers customers, Names names, CentreTime time, RepeatContacts repeatContacts,
               org.springframework.beans.factory.ObjectProvider<org.kept.ticket.TicketDeadlines> deadlines) {
        this.repeatContacts = repeatContacts;
        this.customers = customers;
        this.names = names;
        this.time = time;
        this.deadlines = deadlines;
    }

    List<TicketRow> of(List<TicketSummary> tickets, CurrentUser viewer) {
        Map<Long, CustomerSummary> byId = customers.summaries(tickets.stream().map(TicketSummary::customerId).distinct().toList());
        PersonalData pd = PersonalData.of(viewer);
        Map<Long, RepeatContacts.Counter> contacts = repeatContacts.counters(tickets.stream().map(TicketSummary::id).toList());
        org.kept.ticket.TicketDeadlines clocks = deadlines.getIfAvailable();
        // one query for the page's clocks: the next deadline counts down in the row
        Map<Long, org.kept.ticket.TicketDeadlines.Deadlines> due = clocks == null ? Map.of()
                : clocks.ofAll(tickets.stream().map(TicketSummary::id).toList());
        return tickets.stream().map(t -> {
            CustomerSummary c = byId.get(t.customerId());
            return new TicketRow(t.id(), t.number(), t.priority(), t.state(), t.type(), pd.text(t.subject()), t.customerId(),
                    c == null ? "#" + t.customerId() : c.name(), c == null ? null : pd.phone(c.phone()),
                    names.team(t.teamId()), names.person(t.assigneeId()), time.local(t.createdAt()), time.age(t.createdAt()),
                    contacts.getOrDefault(t.id(), RepeatContacts.Counter.NONE),
                    due.containsKey(t.id()) ? due.get(t.id()).escalationAt() : null);
        }).toList();
    }
}
