package org.kept.console;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.kept.shared.PageRefusals;
import org.kept.customer.Customers;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.kept.ticket.Tickets;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Shows one masked value in full, for a reason the agent gives; the customer and ticket modules audit each reveal.
 * The value is answered into the page once and never kept in the session.
 */
@Controller
class RevealController {

    private final Customers customers;
    private final Tickets tickets;
    private final PageRefusals refusals;

    RevealController(Customers customers, Tickets tickets, PageRefusals refusals) {
        this.customers = customers;
        this.tickets = tickets;
        this.refusals = refusals;
    }

    @PostMapping("/console/customers/{id}/reveal")
    @PreAuthorize("hasAuthority('PII_REVEAL')")
    String customer(@PathVariable long id, @RequestParam(defaultValue = "phone") String field,
                    @RequestParam(defaultValue = "") String reason, @AuthenticationPrincipal CurrentUser me, Locale locale,
                    Model model, HttpServletResponse response) {
        return reveal(model, locale, response, () -> customers.reveal(id, field, reason, me.username()));
    }

    @PostMapping("/console/tickets/{id}/reveal")
    @PreAuthorize("hasAuthority('PII_REVEAL')")
    String ticketPhone(@PathVariable long id, @RequestParam(defaultValue = "") String reason,
                       @AuthenticationPrincipal CurrentUser me, Locale locale, Model model, HttpServletResponse response) {
        return reveal(model, locale, response, () -> tickets.revealContactPhone(id, reason, me));
    }

    private String reveal(Model model, Locale locale, HttpServletResponse response, java.util.function.Supplier<String> value) {
        try {
            model.addAttribute("value", value.get());
            return "console/parts :: revealed";
        } catch (KeptException e) {
            model.addAttribute("message", refusals.refuse(e, locale, response));
            return "console/parts :: alert";
        }
    }
}
