package org.kept.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.kept.customer.Customer;
import org.kept.customer.Customers;
import org.kept.identity.CurrentUser;
import org.kept.shared.Page;
import org.kept.ticket.TicketFilter;
import org.kept.ticket.TicketSummary;
import org.kept.ticket.Tickets;
import org.springframework.stereotype.Component;

/**
 * The queue's search box: any ticket the viewer may see, whatever tab is open (a ticket's number typed under "my
 * queue" must find it), by number, words of the subject, the customer's name or their phone (last digits or any part
 * of the number). Phones are searched only for viewers who may see them: for anyone else a string of digits matches
 * ticket numbers only, so the box cannot confirm a digit the page hides.
 */
@Component
class QueueSearch {

    /** Enough for a caller's tickets and a word's best matches; a search is a lookup, not a queue to page through. */
    static final int MAX = 50;
    /** Customers whose tickets are listed, at most: a common surname should not pull in the whole register. */
    static final int CUSTOMERS = 10;
    /** Tickets listed per matching customer, newest first. */
    static final int PER_CUSTOMER = 25;
    /** Something typed as a phone number (digits with spaces, dashes, brackets, a leading +, masking stars). */
    private static final Pattern PHONE_LIKE = Pattern.compile("[0-9+\\-\\s().*]+");

    private final Tickets tickets;
    private final Customers customers;

    QueueSearch(Tickets tickets, Customers customers) {
        this.tickets = tickets;
        this.customers = customers;
    }

    Page<TicketSummary> find(QueueQuery query, CurrentUser me) {
        String q = query.q();
        Map<Long, TicketSummary> found = new LinkedHashMap<>();
        // numbers and words of the subject, over every state and team (the tab does not narrow a search)
        Set<org.kept.ticket.TicketState> states = query.state() == null ? Set.of() : Set.of(query.state());
        tickets.list(new TicketFilter(states, query.team(), null, false, query.type(), query.priority(), null, q,
                "priority", me.seesPersonalData()), 0, MAX).items().forEach(t -> found.putIfAbsent(t.id(), t));
        boolean phone = PHONE_LIKE.matcher(q).matches();
        if (!phone || me.seesPersonalData()) {
            for (Customer c : customers.search(q, CUSTOMERS, me)) {
                tickets.ofCustomer(c.id(), PER_CUSTOMER).stream()
                        .filter(t -> query.state() == null || t.state() == query.state())
                        .filter(t -> query.type() == null || t.type() == query.type())
                        .filter(t -> query.priority() == null || t.priority() == query.priority())
                        .filter(t -> query.team() == null || query.team().equals(t.teamId()))
                        .forEach(t -> found.putIfAbsent(t.id(), t));
            }
        }
        List<TicketSummary> all = new ArrayList<>(found.values());
        // the exact number first, then active before finished, then most urgent and oldest as in a queue
        all.sort(Comparator.comparing((TicketSummary t) -> !t.number().equals(q))
                .thenComparing(t -> !t.state().isActive())
                .thenComparing(t -> t.priority().rank())
                .thenComparing(TicketSummary::createdAt));
        List<TicketSummary> shown = all.size() > MAX ? all.subList(0, MAX) : all;
        return new Page<>(List.copyOf(shown), 0, MAX, shown.size(), all.size() > MAX);
    }
}
