package org.kept.ticket.web;

import java.time.OffsetDateTime;
import java.util.List;
import org.kept.customer.CustomerSummary;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.shared.Masking;
import org.kept.ticket.Channel;
import org.kept.ticket.Priority;
import org.kept.ticket.RepeatContacts;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketSummary;
import org.kept.ticket.TicketType;
import org.kept.ticket.TicketView;
import org.kept.ticket.TimelineEntry;

/** The ticket as the API shows it; personal data masked unless the viewer's role sees it. */
record TicketJson(long id, String number, TicketType type, String category, Channel channel, Priority priority,
                  TicketState state, String subject, String description, String incidentTime, String incidentPlace,
                  String peopleInvolved, String contactPhone, CustomerRef customer, Ref team, PersonRef assignee,
                  Long mergedIntoId, OffsetDateTime createdAt, OffsetDateTime updatedAt, int version, boolean masked,
                  int repeatContacts, int contactCount, OffsetDateTime lastContactAt, boolean noReplySinceLastContact,
                  java.time.Instant firstResponseDue, java.time.Instant nextUpdateDue, java.time.Instant resolutionDue,
                  java.time.Instant escalationAt, java.time.Instant pausedSince, long pausedMinutes, int expedites,
                  int escalationLevel) {

    record CustomerRef(long id, String name, String phone) {
    }

    record Ref(long id, String name) {
    }

    record PersonRef(long id, String name, String agentNo) {
    }

    /** One queue row. */
    record Row(long id, String number, TicketType type, Priority priority, TicketState state, String subject,
               CustomerRef customer, Ref team, PersonRef assignee, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** One timeline entry. */
    record Entry(long id, String kind, String actor, OffsetDateTime at, String oldValue, String newValue, String body) {
    }

    /** One page of rows. */
    record PageJson(List<Row> items, int page, int size, long total, boolean totalCapped) {
    }

    private static final org.kept.ticket.TicketDeadlines.Deadlines NO_CLOCK =
            new org.kept.ticket.TicketDeadlines.Deadlines(null, null, null, null, null, 0, 0, 0);

    static TicketJson of(TicketView t, CustomerSummary customer, RepeatContacts.Counter contacts, Directory directory,
                         CurrentUser viewer, org.kept.ticket.TicketDeadlines.Deadlines clock) {
        org.kept.ticket.TicketDeadlines.Deadlines d = clock == null ? NO_CLOCK : clock;
        boolean full = viewer.seesPersonalData();
        return new TicketJson(t.id(), t.number(), t.type(), t.category(), t.channel(), t.priority(), t.state(),
                full ? t.subject() : Masking.inText(t.subject()),
                full ? t.description() : Masking.inText(t.description()),
                full ? t.incidentTime() : Masking.inText(t.incidentTime()),
                full ? t.incidentPlace() : Masking.inText(t.incidentPlace()),
                full ? t.peopleInvolved() : Masking.inText(t.peopleInvolved()),
                full ? t.contactPhone() : Masking.phone(t.contactPhone()), customer(customer, full),
                team(t.teamId(), directory), person(t.assigneeId(), directory), t.mergedIntoId(), t.createdAt(),
                t.updatedAt(), t.version(), !full, contacts.repeatContacts(), contacts.contacts(), contacts.lastContactAt(),
                contacts.alarming(), d.firstResponseDue(), d.nextUpdateDue(), d.resolutionDue(), d.escalationAt(),
                d.pausedSince(), d.pausedMinutes(), d.expedites(), d.escalationLevel());
    }

    static Row row(TicketSummary t, CustomerSummary customer, Directory directory, CurrentUser viewer) {
        boolean full = viewer.seesPersonalData();
        return new Row(t.id(), t.number(), t.type(), t.priority(), t.state(), full ? t.subject() : Masking.inText(t.subject()),
                customer(customer, full), team(t.teamId(), directory), person(t.assigneeId(), directory),
                t.createdAt(), t.updatedAt());
    }

    /** One entry in the caller's language (centre-written text is stored as a message key and arguments). */
    static Entry entry(TimelineEntry e, CurrentUser viewer, org.springframework.context.MessageSource messages,
                       java.util.Locale locale, java.time.ZoneId zone) {
        String text = org.kept.shared.LocalText.render(e.body(), messages, locale, zone);
        String body = viewer.seesPersonalData() ? text : Masking.inText(text);
        return new Entry(e.id(), e.kind(), org.kept.shared.LocalText.render(e.actorName(), messages, locale, zone), e.at(),
                e.oldValue(), e.newValue(), body);
    }

    private static CustomerRef customer(CustomerSummary c, boolean full) {
        if (c == null) {
            return null;
        }
        return new CustomerRef(c.id(), c.name(), full ? c.phone() : Masking.phone(c.phone()));
    }

    private static Ref team(Long id, Directory directory) {
        return id == null ? null : directory.team(id).map(t -> new Ref(t.id(), t.name())).orElse(new Ref(id, "#" + id));
    }

    private static PersonRef person(Long id, Directory directory) {
        return id == null ? null : directory.user(id).map(u -> new PersonRef(u.id(), u.displayName(), u.agentNo()))
                .orElse(new PersonRef(id, "#" + id, null));
    }
}
