package org.kept.console;

import org.kept.ticket.RepeatContacts;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.kept.customer.Customers;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.kept.ticket.TimelineEntry;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Composes the one-screen ticket page: the customer and their other tickets beside the ticket's facts and timeline,
 * so an agent calling back never has to ask "what was your complaint about?".
 */
@Component
class TicketScreen {

    /** Enough history to see a pattern of repeat contacts without turning the side panel into a report. */
    static final int HISTORY = 20;

    private final Tickets tickets;
    private final Customers customers;
    private final Directory directory;
    private final TicketRows rows;
    private final Names names;
    private final CentreTime time;
    private final RepeatContacts repeatContacts;
    private final LocalTexts texts;
    private final org.springframework.beans.factory.ObjectProvider<org.kept.ticket.TicketDeadlines> deadlines;
    private final org.springframework.beans.factory.ObjectProvider<org.kept.sla.Assignees> assignees;

    TicketScreen(Tickets tickets, Customers customers, Directory directory, TicketRows rows, Names names, CentreTime time,
                 RepeatContacts repeatContacts,
                 org.springframework.beans.factory.ObjectProvider<org.kept.ticket.TicketDeadlines> deadlines,
                 LocalTexts texts,
                 org.springframework.beans.factory.ObjectProvider<org.kept.sla.Assignees> assignees) {
        this.texts = texts;
        this.assignees = assignees;
        this.repeatContacts = repeatContacts;
        this.deadlines = deadlines;
        this.tickets = tickets;
        this.customers = customers;
        this.directory = directory;
        this.rows = rows;
        this.names = names;
        this.time = time;
    }

    /** The whole page. */
    void page(Model model, long id, CurrentUser me, Locale locale) {
        TicketView t = work(model, id, me, locale);
        model.addAttribute("customer", CustomerCard.of(customers.get(t.customerId()), PersonalData.of(me)));
        model.addAttribute("history", rows.of(tickets.ofCustomer(t.customerId(), HISTORY + 1).stream()
                .filter(s -> s.id() != t.id()).limit(HISTORY).toList(), me));
    }

    /** The parts an action changes: facts, timeline and the controls that depend on them. */
    TicketView work(Model model, long id, CurrentUser me, Locale locale) {
        TicketView t = tickets.get(id);
        PersonalData pd = PersonalData.of(me);
        model.addAttribute("ticket", facts(t, pd, locale));
        model.addAttribute("timeline", tickets.timeline(id).stream().map(e -> item(e, pd, locale)).toList());
        model.addAttribute("teams", AssignableTeams.of(directory.teams(), me, t.teamId()));
        model.addAttribute("staff", directory.staff());
        // only people who can work tickets are offered, each with their shift and load (none of it without the sla module)
        org.kept.sla.Assignees offered = assignees.getIfAvailable();
        model.addAttribute("assignees", offered == null ? List.of() : offered.of(null));
        model.addAttribute("contacts", repeatContacts.counter(id));
        model.addAttribute("repeatKey", java.util.UUID.randomUUID().toString());
        model.addAttribute("channels", org.kept.ticket.Channel.values());
        org.kept.ticket.TicketDeadlines clocks = deadlines.getIfAvailable();
        model.addAttribute("clock", clocks == null ? null : clocks.of(id).orElse(null));
        return t;
    }

    private TicketFacts facts(TicketView t, PersonalData pd, Locale locale) {
        List<TicketState> moves = Arrays.stream(TicketState.values())
                .filter(s -> t.state().canMoveTo(s) && !(t.mergedIntoId() != null && s == TicketState.OPEN)).toList();
        String mergedInto = t.mergedIntoId() == null ? null
                : tickets.find(t.mergedIntoId()).map(TicketView::number).orElse("#" + t.mergedIntoId());
        return new TicketFacts(t.id(), t.number(), t.type(), category(t.category(), locale), t.channel(), t.priority(),
                t.state(), pd.text(t.subject()), pd.text(t.description()), pd.text(t.incidentTime()),
                pd.text(t.incidentPlace()), pd.text(t.peopleInvolved()), pd.phone(t.contactPhone()), !pd.visible(),
                t.teamId(), names.team(t.teamId()), t.assigneeId(), names.person(t.assigneeId()), mergedInto,
                time.local(t.createdAt()), time.local(t.updatedAt()), time.age(t.createdAt()), t.version(), moves);
    }

    /** One entry in the reader's language: centre-written text rendered from its key, instants in the centre's time. */
    private TimelineItem item(TimelineEntry e, PersonalData pd, Locale locale) {
        return new TimelineItem(e.id(), e.kind(), texts.text(e.actorName(), locale), time.local(e.at()),
                time.shown(e.oldValue()), time.shown(e.newValue()), pd.text(texts.text(e.body(), locale)),
                // the promise's due time from the stored instant: the shown value above is text for people
                TimelineItem.promisedBy(e.kind(), e.newValue()));
    }

    String category(String code, Locale locale) {
        if (code == null) {
            return null;
        }
        boolean chinese = "zh".equals(locale.getLanguage());
        return tickets.categories().stream().filter(c -> c.code().equals(code)).findFirst()
                .map(c -> chinese ? c.nameZh() : c.nameEn()).orElse(code);
    }
}
