package org.kept.callback.web;

import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.kept.callback.internal.CallbackDesk;
import org.kept.callback.internal.CallbackTask;
import org.kept.contact.Contact;
import org.kept.contact.Contacts;
import org.kept.customer.Customer;
import org.kept.customer.Customers;
import org.kept.identity.CurrentUser;
import org.kept.knowledge.Script;
import org.kept.knowledge.Scripts;
import org.kept.shared.CentreZone;
import org.kept.shared.LocalText;
import org.kept.shared.Masking;
import org.kept.sla.CommitmentView;
import org.kept.sla.Commitments;
import org.kept.ticket.TicketSummary;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.kept.ticket.TimelineEntry;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the agent calling back must know before the customer answers (a customer must never hear "what was your
 * complaint about?"): the centre's scripts for the reason, filled in; the ticket and its whole timeline; the
 * customer's other tickets, last contacts on every channel and open promises. Masked for roles without PII_VIEW.
 */
@Component
class CaseHistory {

    private final CallbackDesk desk;
    private final Tickets tickets;
    private final Customers customers;
    private final Contacts contacts;
    private final Commitments commitments;
    private final Scripts scripts;
    private final MessageSource messages;
    private final CentreZone zone;

    CaseHistory(CallbackDesk desk, Tickets tickets, Customers customers, Contacts contacts, Commitments commitments,
                Scripts scripts, MessageSource messages, CentreZone zone) {
        this.desk = desk;
        this.tickets = tickets;
        this.customers = customers;
        this.contacts = contacts;
        this.commitments = commitments;
        this.scripts = scripts;
        this.messages = messages;
        this.zone = zone;
    }

    /** A line of the timeline as the reader reads it. */
    record Line(TimelineEntry entry, String body) {
    }

    /** A script of the callback, filled with this case's customer, ticket, agent and time. */
    record ShownScript(String code, String name, String text) {
    }

    void fill(CallbackTask task, CurrentUser me, Locale locale, Model model) {
        boolean pii = me.seesPersonalData();
        Customer customer = task.customerId() == null ? null : customers.find(task.customerId()).orElse(null);
        TicketView ticket = task.ticketId() == null ? null : tickets.find(task.ticketId()).orElse(null);
        model.addAttribute("customer", customer);
        model.addAttribute("customerPhone", customer == null || customer.primaryPhone() == null ? null
                : pii ? customer.primaryPhone() : Masking.phone(customer.primaryPhone()));
        model.addAttribute("ticket", ticket);
        model.addAttribute("ticketSubject", ticket == null ? null : pii ? ticket.subject() : Masking.inText(ticket.subject()));
        model.addAttribute("timeline", ticket == null ? List.of() : tickets.timeline(ticket.id()).stream()
                .map(e -> new Line(e, shown(LocalText.render(e.body(), messages, locale, zone.zone()), pii))).toList());
        List<TicketSummary> others = customer == null ? List.of() : tickets.ofCustomer(customer.id(), 10).stream()
                .map(t -> pii ? t : new TicketSummary(t.id(), t.number(), t.type(), t.priority(), t.state(),
                        Masking.inText(t.subject()), t.customerId(), t.teamId(), t.assigneeId(), t.createdAt(), t.updatedAt()))
                .toList();
        model.addAttribute("otherTickets", others);
        model.addAttribute("contacts", customer == null ? List.of() : contacts.ofCustomer(customer.id(), 20).stream()
                .map(c -> pii ? c : new Contact(c.id(), c.channel(), c.direction(), c.externalId(), maskAddress(c.address()),
                        c.customerId(), c.ticketId(), c.handledBy(), c.startedAt(), c.endedAt(),
                        Masking.inText(c.summary()), c.outcome())).toList());
        Set<Long> ticketIds = new LinkedHashSet<>();
        if (ticket != null) {
            ticketIds.add(ticket.id());
        }
        others.forEach(t -> ticketIds.add(t.id()));
        model.addAttribute("promises", ticketIds.isEmpty() ? List.of() : commitments.openOn(ticketIds).stream()
                .map(c -> pii ? c : new CommitmentView(c.id(), c.ticketId(), c.ticketNumber(), c.ownerId(), c.teamId(),
                        Masking.inText(c.promise()), c.due(), c.state())).toList());
        model.addAttribute("scripts", scripts(task, customer, ticket, me, pii));
    }

    /** The reason's scripts in the order the centre set (callback_reason.script_codes), filled for this case. */
    private List<ShownScript> scripts(CallbackTask task, Customer customer, TicketView ticket, CurrentUser me, boolean pii) {
        Map<String, Script> byCode = new HashMap<>();
        scripts.forChannel(null).forEach(s -> byCode.put(s.code(), s));
        Map<String, String> values = new HashMap<>();
        if (customer != null) {
            values.put("customerName", customer.name());
        }
        if (ticket != null) {
            values.put("ticketNumber", ticket.number());
        }
        values.put("agentId", me.agentNo() != null && !me.agentNo().isBlank() ? me.agentNo() : me.displayName());
        values.put("deadline", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(task.dueAt().atZone(zone.zone())));
        return desk.rule(task.reason()).scriptCodes().stream().map(byCode::get).filter(s -> s != null)
                .map(s -> new ShownScript(s.code(), s.name(), shown(Scripts.fill(s.body(), values), pii))).toList();
    }

    private static String shown(String text, boolean pii) {
        return pii ? text : Masking.inText(text);
    }

    private static String maskAddress(String address) {
        if (address == null) {
            return null;
        }
        return address.startsWith("+") ? Masking.phone(address) : address.contains("@") ? Masking.email(address)
                : Masking.inText(address);
    }
}
