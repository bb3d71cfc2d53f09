package org.kept.sla.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import org.kept.calendar.BusinessCalendar;
import org.kept.customer.Customers;
import org.kept.identity.CurrentUser;
import org.kept.identity.Permission;
import org.kept.shared.CentreZone;
import org.kept.shared.LocalText;
import org.kept.sla.CommitmentState;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What the customer is told after an expedite (加急): a message from the centre, not signed by the agent, in the
 * customer's own language only, its times inside the hours the team serves customers, and never contradicting a promise
 * already made on the ticket: when the agent promised "by 15:00", the customer hears 15:00, not the clock's 01:08.
 */
@Component
class ExpediteNotice {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Tickets tickets;
    private final Customers customers;
    private final CommitmentStore commitments;
    private final ServiceHours hours;
    private final SystemActor system;
    private final MessageSource messages;
    private final CentreZone zone;
    private final Clock clock;

    ExpediteNotice(Tickets tickets, Customers customers, CommitmentStore commitments, ServiceHours hours,
                   SystemActor system, MessageSource messages, CentreZone zone, Clock clock) {
        this.tickets = tickets;
        this.customers = customers;
        this.commitments = commitments;
        this.hours = hours;
        this.system = system;
        this.messages = messages;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * Replies to the customer: resolved by {@code resolutionDue}, and news by {@code updateDue} (or the open promise)
     * when that comes first. {@code policyCalendar} serves when the team has no service hours of its own.
     */
    void tell(TicketView t, BusinessCalendar policyCalendar, Instant resolutionDue, Instant updateDue) {
        BusinessCalendar served = hours.of(t.teamId(), policyCalendar);
        Instant resolved = ServiceHours.inside(served, resolutionDue);
        Instant news = openPromise(t.id()).orElse(updateDue == null ? null : ServiceHours.inside(served, updateDue));
        Locale locale = customers.preferredLocale(t.customerId());
        String text = news != null && news.isBefore(resolved)
                ? messages.getMessage("sla.customer.expeditedUpdate", new Object[] {shown(resolved), shown(news)}, locale)
                : messages.getMessage("sla.customer.expedited", new Object[] {shown(resolved)}, locale);
        tickets.reply(t.id(), text, null, centre());
    }

    /** The soonest promise still open on the ticket: what the customer was told stands. */
    private Optional<Instant> openPromise(long ticketId) {
        Instant now = clock.instant();
        return commitments.ofTicket(ticketId).stream()
                .filter(c -> c.state() == CommitmentState.OPEN && c.due().isAfter(now))
                .map(CommitmentDesk.Commitment::due).min(Comparator.naturalOrder());
    }

    /** The centre signs: the clock's own account, named "客服中心" / "Customer service centre" in each reader's language. */
    private CurrentUser centre() {
        CurrentUser sla = system.get();
        return new CurrentUser(sla.id(), sla.username(), LocalText.of("sla.centre.name").stored(), null, sla.role(),
                EnumSet.of(Permission.TICKET_READ, Permission.TICKET_WRITE), null, null, true, "");
    }

    private String shown(Instant at) {
        return SHOWN.format(at.atZone(zone.zone()));
    }
}
