package org.kept.console;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kept.shared.Problems;
import java.util.Locale;
import org.kept.shared.PageRefusals;
import org.kept.customer.Customer;
import org.kept.customer.Customers;
import org.kept.customer.NewCustomer;
import org.kept.customer.PhoneNumbers;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.shared.KeptException;
import org.kept.ticket.Channel;
import org.kept.ticket.Priority;
import org.kept.ticket.RepeatContacts;
import org.kept.ticket.TicketType;
import org.kept.ticket.Tickets;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Records a ticket during a call: find or record the customer, the facts of the case, and the team that acts. */
@Controller
class NewTicketController {

    private final org.springframework.transaction.support.TransactionTemplate tx;
    private final Tickets tickets;
    private final Customers customers;
    private final Directory directory;
    private final PageRefusals refusals;
    private final RepeatContacts repeatContacts;
    private final Problems problems;

    NewTicketController(Tickets tickets, Customers customers, Directory directory, PageRefusals refusals,
                        org.springframework.transaction.support.TransactionTemplate tx, RepeatContacts repeatContacts,
                        Problems problems) {
        this.problems = problems;
        this.repeatContacts = repeatContacts;
        this.tx = tx;
        this.tickets = tickets;
        this.customers = customers;
        this.directory = directory;
        this.refusals = refusals;
    }

    @GetMapping("/console/tickets/new")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String form(@RequestParam(required = false) Long customer, @RequestParam(required = false) String phone,
                @AuthenticationPrincipal CurrentUser me, Model model) {
        NewTicketForm form = NewTicketForm.blank(customer, me.teamId());
        // an unknown caller's number from the screen pop (issue 11), which offers it only to those who may see it
        return show(customer == null && phone != null && me.seesPersonalData() ? form.withNewPhone(phone) : form, me, model);
    }

    @PostMapping("/console/tickets/new")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String create(@ModelAttribute NewTicketForm form, @AuthenticationPrincipal CurrentUser me, Locale locale, Model model,
                  HttpServletResponse response) {
        var earlier = tickets.recordedWith(me, form.idempotencyKey());
        if (earlier.isPresent()) {
            // the form was sent twice (a double click, a resend after the redirect): show the ticket it already made
            return "redirect:/console/tickets/" + earlier.get().id();
        }
        form = withCustomerPhone(form, me);
        Map<String, String> errors = errors(form, me, locale);
        if (!errors.isEmpty()) {
            // every problem at once, each beside its field; nothing is stored
            response.setStatus(422);
            model.addAttribute("errors", errors);
            return show(form, me, model);
        }
        NewTicketForm[] current = {form};
        try {
            // a new customer and their first ticket are stored together or not at all
            long id = tx.execute(status -> {
                if (current[0].customerId() == null) {
                    current[0] = current[0].forCustomer(customerFor(current[0], me));
                }
                return tickets.create(current[0].toTicket(me), me, current[0].idempotencyKey()).ticket().id();
            });
            return "redirect:/console/tickets/" + id;
        } catch (KeptException e) {
            // the customer made inside the failed transaction was rolled back; the form keeps what was typed
            current[0] = current[0].customerId() != null && customers.find(current[0].customerId()).isEmpty()
                    ? form : current[0];
            // the same form again, with everything typed and the same key, so a retry still cannot make two tickets
            String sentence = refusals.refuse(e, locale, response);
            if (e.fields().isEmpty()) {
                model.addAttribute("alert", sentence);
            } else {
                model.addAttribute("errors", problems.fieldSentences(e, locale));
            }
            return show(current[0], me, model);
        }
    }

    /**
     * Everything wrong with the form, by field, in the reader's language: the console's own questions (which customer,
     * which team) and every check the ticket desk would make, so the agent fixes them all in one go.
     */
    private Map<String, String> errors(NewTicketForm form, CurrentUser me, Locale locale) {
        List<KeptException.Field> wrong = new ArrayList<>();
        boolean newCustomer = form.customerId() == null;
        if (newCustomer && !form.describesNewCustomer()) {
            wrong.add(new KeptException.Field("customerId", "console.customer.required"));
        }
        if (newCustomer && form.newPhone() != null && !form.newPhone().isBlank()
                && PhoneNumbers.parse(form.newPhone()).isEmpty()) {
            wrong.add(new KeptException.Field("newPhone", "error.phone", form.newPhone()));
        }
        form.handlingOrSelf().problem(form.teamId()).ifPresent(wrong::add);
        tickets.problems(form.toTicket(me), me).stream()
                // a customer recorded with the ticket does not exist yet; a missing one is already said above
                .filter(f -> !(newCustomer && f.field().equals("customerId")))
                .filter(f -> wrong.stream().noneMatch(w -> w.field().equals(f.field())))
                .forEach(wrong::add);
        Map<String, String> errors = new LinkedHashMap<>();
        wrong.forEach(f -> errors.putIfAbsent(f.field(), problems.message(f.messageKey(), locale, f.args())));
        return errors;
    }

    /**
     * The contact phone filled in from the chosen customer arrives as the page showed it, masked for an agent without
     * personal-data rights ({@code 138****8000}): that stands for the customer's own number, which is stored instead.
     */
    private NewTicketForm withCustomerPhone(NewTicketForm form, CurrentUser me) {
        String typed = form.contactPhone();
        if (form.customerId() == null || typed == null || !typed.contains("*")) {
            return form;
        }
        PersonalData pd = PersonalData.of(me);
        return customers.find(form.customerId()).flatMap(c -> c.phones().stream()
                        .filter(p -> typed.strip().equals(pd.phone(p))).findFirst())
                .map(form::withContactPhone).orElse(form);
    }

    /** The chosen customer's open tickets this call may be about, proposed while the agent types the subject. */
    @GetMapping("/console/tickets/matches")
    @PreAuthorize("hasAuthority('TICKET_WRITE') and hasAuthority('TICKET_READ')")
    String matches(@RequestParam(required = false) Long customerId, @RequestParam(defaultValue = "") String subject,
                   @RequestParam(defaultValue = "") String description, @RequestParam(required = false) String category,
                   @AuthenticationPrincipal CurrentUser me, Model model) {
        boolean asked = customerId != null && !subject.isBlank();
        String text = limit(subject + " " + description, 2000);
        PersonalData pd = PersonalData.of(me);
        model.addAttribute("matches", !asked ? List.of() : repeatContacts.openMatches(customerId, text, category, 5, pd.visible()).stream()
                .map(m -> new Proposal(m.ticket().id(), m.ticket().number(), pd.text(m.ticket().subject()),
                        m.ticket().state(), m.ticket().priority(), (int) Math.round(m.score() * 100),
                        String.join(" ", m.sharedTerms()), m.sameCategory(), m.ageDays())).toList());
        model.addAttribute("asked", asked);
        return "console/new-ticket :: matches";
    }

    /** A proposed ticket as the record page shows it. */
    record Proposal(long id, String number, String subject, org.kept.ticket.TicketState state, Priority priority,
                    int percent, String shared, boolean sameCategory, long ageDays) {
    }

    /**
     * "Link as a repeat contact" on the record page: the form's subject and description become the contact's note on
     * the open ticket instead of a duplicate ticket. The form's key makes a resend record nothing twice.
     */
    @PostMapping("/console/tickets/{id}/link-contact")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    String link(@org.springframework.web.bind.annotation.PathVariable long id, @ModelAttribute NewTicketForm form,
                @AuthenticationPrincipal CurrentUser me, Locale locale, Model model, HttpServletResponse response) {
        String note = limit(((form.subject() == null ? "" : form.subject().strip()) + " "
                + (form.description() == null ? "" : form.description().strip())).strip(), 2000);
        try {
            repeatContacts.link(id, form.channel(), note, me,
                    form.idempotencyKey() == null ? null : "link-" + form.idempotencyKey());
            return "redirect:/console/tickets/" + id;
        } catch (KeptException e) {
            model.addAttribute("alert", refusals.refuse(e, locale, response));
            return show(form, me, model);
        }
    }

    private static String limit(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    /** A new customer from the form; a phone already on record means the caller is known, so no duplicate is made. */
    private long customerFor(NewTicketForm form, CurrentUser me) {
        if (!form.describesNewCustomer()) {
            throw KeptException.invalid("console.customer.required");
        }
        if (!me.can(Permission.CUSTOMER_WRITE)) {
            throw KeptException.forbidden("error.forbidden");
        }
        String phone = form.newPhone() == null || form.newPhone().isBlank() ? null : PhoneNumbers.toE164(form.newPhone());
        if (phone != null) {
            // a known number attaches the ticket to its customer and so confirms it: for a recorder without
            // personal-data rights that is a look-up, counted and audited like one
            var known = me.seesPersonalData() ? customers.byPhone(phone)
                    : customers.search(phone, 1, me).stream().findFirst();
            if (known.isPresent()) {
                return known.get().id();
            }
        }
        Customer created = customers.create(new NewCustomer(form.newName() == null ? null : form.newName().strip(), null, null,
                phone == null ? List.of() : List.of(phone), List.of()), me.username());
        return created.id();
    }

    private String show(NewTicketForm form, CurrentUser me, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("picked", form.customerId() == null ? null
                : customers.find(form.customerId()).map(c -> CustomerCard.of(c, PersonalData.of(me))).orElse(null));
        model.addAttribute("types", TicketType.values());
        model.addAttribute("channels", Channel.values());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("categories", tickets.categories());
        model.addAttribute("teams", AssignableTeams.of(directory.teams(), me, null));
        model.addAttribute("handlings", org.kept.ticket.Handling.values());
        return "console/new-ticket";
    }
}
