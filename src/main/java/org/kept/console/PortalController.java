package org.kept.console;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.kept.shared.PageRefusals;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.kept.ticket.TimelineEntry;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The customer's portal: their tickets with the real status, a way to submit one and to write about one.
 * Only public timeline entries are shown; internal notes never reach this page.
 */
@Controller
class PortalController {

    /** A customer's own list; long enough for any real customer, bounded for any robot. */
    static final int MY_TICKETS = 200;

    private final Tickets tickets;
    private final CentreTime time;
    private final PageRefusals refusals;
    private final org.kept.customer.Customers customers;
    private final LocalTexts texts;

    private final org.springframework.beans.factory.ObjectProvider<org.kept.ticket.TicketDeadlines> deadlines;

    private final org.springframework.beans.factory.ObjectProvider<org.kept.ticket.TicketPromises> promises;

    PortalController(Tickets tickets, CentreTime time, PageRefusals refusals,
                     org.springframework.beans.factory.ObjectProvider<org.kept.ticket.TicketDeadlines> deadlines,
                     org.springframework.beans.factory.ObjectProvider<org.kept.ticket.TicketPromises> promises,
                     org.kept.customer.Customers customers, LocalTexts texts) {
        this.customers = customers;
        this.texts = texts;
        this.deadlines = deadlines;
        this.promises = promises;
        this.tickets = tickets;
        this.time = time;
        this.refusals = refusals;
    }

    @GetMapping("/portal")
    @PreAuthorize("hasAuthority('PORTAL')")
    String mine(@AuthenticationPrincipal CurrentUser me, Model model) {
        return list(PortalForm.blank(), me, model);
    }

    @PostMapping("/portal/tickets")
    @PreAuthorize("hasAuthority('PORTAL')")
    String submit(@ModelAttribute PortalForm form, @AuthenticationPrincipal CurrentUser me, Locale locale, Model model,
                  HttpServletResponse response) {
        customers.preferLocale(me.customerId(), locale);
        try {
            return "redirect:/portal/tickets/" + tickets.create(form.toTicket(me.customerId()), me, form.idempotencyKey()).ticket().id();
        } catch (KeptException e) {
            model.addAttribute("alert", refusals.refuse(e, locale, response));
            return list(form, me, model);
        }
    }

    @GetMapping("/portal/tickets/{id}")
    @PreAuthorize("hasAuthority('PORTAL')")
    String ticket(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Locale locale, Model model) {
        show(own(id, me), model, locale);
        return "portal/ticket";
    }

    @PostMapping("/portal/tickets/{id}/reply")
    @PreAuthorize("hasAuthority('PORTAL')")
    String reply(@PathVariable long id, @RequestParam(defaultValue = "") String body, @AuthenticationPrincipal CurrentUser me,
                 Locale locale, Model model, HttpServletResponse response) {
        TicketView t = own(id, me);
        customers.preferLocale(me.customerId(), locale);
        try {
            // no version: a customer writing while an agent works the ticket is a message to add, not a conflict
            t = tickets.reply(id, body, null, me);
        } catch (KeptException e) {
            model.addAttribute("alert", refusals.refuse(e, locale, response));
        }
        show(t, model, locale);
        return "portal/ticket :: conversation";
    }

    private String list(PortalForm form, CurrentUser me, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("tickets", tickets.ofCustomer(me.customerId(), MY_TICKETS).stream()
                .map(t -> new PortalRow(t.id(), t.number(), t.type(), t.state(), t.subject(), time.local(t.updatedAt())))
                .toList());
        return "portal/tickets";
    }

    private void show(TicketView t, Model model, Locale locale) {
        model.addAttribute("ticket", t);
        model.addAttribute("created", time.local(t.createdAt()));
        // the real date the customer can expect: the resolution deadline, in the centre's time
        org.kept.ticket.TicketDeadlines clocks = deadlines.getIfAvailable();
        org.kept.ticket.TicketDeadlines.Deadlines clock = clocks == null || !t.state().isActive() ? null
                : clocks.of(t.id()).orElse(null);
        model.addAttribute("expectedBy", clock == null || clock.resolutionDue() == null ? null
                : time.local(clock.resolutionDue().atOffset(java.time.ZoneOffset.UTC)));
        model.addAttribute("waitingOnYou", clock != null && clock.pausedSince() != null);
        // a promise made to the customer ("we will call you back by …") is what they were told: it goes first
        org.kept.ticket.TicketPromises made = promises.getIfAvailable();
        model.addAttribute("promisedBy", made == null || !t.state().isActive() ? null
                : made.promisedToCustomer(t.id()).map(due -> time.local(due.atOffset(java.time.ZoneOffset.UTC))).orElse(null));
        model.addAttribute("timeline", tickets.timeline(t.id()).stream().filter(TimelineEntry::publicToCustomer)
                .map(e -> new TimelineItem(e.id(), e.kind(), null, time.local(e.at()), e.oldValue(), e.newValue(),
                        texts.text(e.body(), locale)))
                .toList());
    }

    private TicketView own(long id, CurrentUser me) {
        // another customer's ticket is "not found", so ticket ids cannot be probed
        return tickets.find(id).filter(t -> me.customerId() != null && t.customerId() == me.customerId())
                .orElseThrow(() -> KeptException.notFound("ticket", id));
    }

    record PortalRow(long id, String number, org.kept.ticket.TicketType type, org.kept.ticket.TicketState state,
                     String subject, java.time.LocalDateTime updatedAt) {
    }
}
