package org.kept.sla.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.kept.customer.CustomerSummary;
import org.kept.customer.Customers;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.shared.Masking;
import org.kept.sla.internal.CommitmentDesk;
import org.kept.ticket.TicketSummary;
import org.kept.ticket.Tickets;
import org.springframework.stereotype.Component;

/**
 * The promises list beside its countdowns: whose customer (phone masked for roles without personal-data rights),
 * which ticket and who holds the promise, read for the whole page in one batch per module.
 */
@Component
class PromiseRows {

    private final Tickets tickets;
    private final Customers customers;
    private final Directory directory;

    PromiseRows(Tickets tickets, Customers customers, Directory directory) {
        this.tickets = tickets;
        this.customers = customers;
        this.directory = directory;
    }

    /** One row: the promise (already masked for the viewer), its customer and its holder. */
    record Row(CommitmentDesk.Commitment c, Long customerId, String customer, String customerPhone, String owner,
               String team) {
    }

    List<Row> of(List<CommitmentDesk.Commitment> promises, CurrentUser viewer) {
        Map<Long, TicketSummary> ticketsById = tickets.summaries(promises.stream().map(CommitmentDesk.Commitment::ticketId)
                .collect(Collectors.toSet()));
        Set<Long> customerIds = ticketsById.values().stream().map(TicketSummary::customerId).collect(Collectors.toSet());
        Map<Long, CustomerSummary> customersById = customers.summaries(customerIds);
        return promises.stream().map(c -> {
            TicketSummary t = ticketsById.get(c.ticketId());
            CustomerSummary who = t == null ? null : customersById.get(t.customerId());
            String phone = who == null || who.phone() == null ? null
                    : viewer.seesPersonalData() ? who.phone() : Masking.phone(who.phone());
            return new Row(c, who == null ? null : who.id(), who == null ? null : who.name(), phone,
                    c.ownerId() == null ? null : directory.user(c.ownerId()).map(u -> u.displayName()).orElse("#" + c.ownerId()),
                    c.teamId() == null ? null : directory.team(c.teamId()).map(x -> x.name()).orElse("#" + c.teamId()));
        }).toList();
    }
}
