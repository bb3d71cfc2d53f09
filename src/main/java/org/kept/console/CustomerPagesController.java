package org.kept.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.kept.shared.Htmx;
import org.kept.customer.Customers;
import org.kept.identity.CurrentUser;
import org.kept.ticket.Tickets;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Finding a customer, and one customer with the full history of their tickets. */
@Controller
class CustomerPagesController {

    /** The customer page is the place for the whole history; the ticket page's side panel shows the recent part. */
    static final int FULL_HISTORY = 200;

    private final Customers customers;
    private final Tickets tickets;
    private final TicketRows rows;

    CustomerPagesController(Customers customers, Tickets tickets, TicketRows rows) {
        this.customers = customers;
        this.tickets = tickets;
        this.rows = rows;
    }

    @GetMapping("/console/customers")
    @PreAuthorize("hasAuthority('CUSTOMER_READ')")
    String search(@RequestParam(defaultValue = "") String q, @AuthenticationPrincipal CurrentUser me, Model model,
                  HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("q", q);
        model.addAttribute("found", found(q, 50, me));
        return Htmx.wantsFragment(request, response) ? "console/customers :: results" : "console/customers";
    }

    /** The customer picker on the "record a ticket" form. */
    @GetMapping("/console/customers/pick")
    @PreAuthorize("hasAuthority('CUSTOMER_READ')")
    String pick(@RequestParam(defaultValue = "") String q, @AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("picks", q.isBlank() ? java.util.List.of() : found(q, 10, me));
        return "console/new-ticket :: picks";
    }

    @GetMapping("/console/customers/{id}")
    @PreAuthorize("hasAuthority('CUSTOMER_READ')")
    String customer(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("customer", CustomerCard.of(customers.get(id), PersonalData.of(me)));
        model.addAttribute("history", rows.of(tickets.ofCustomer(id, FULL_HISTORY), me));
        return "console/customer";
    }

    private java.util.List<CustomerCard> found(String q, int limit, CurrentUser me) {
        PersonalData pd = PersonalData.of(me);
        return customers.search(q.length() > 100 ? q.substring(0, 100) : q, limit, me).stream()
                .map(c -> CustomerCard.of(c, pd)).toList();
    }
}
