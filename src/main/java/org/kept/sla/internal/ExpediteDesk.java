package org.kept.sla.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.kept.calendar.BusinessCalendar;
import org.kept.identity.CurrentUser;
import org.kept.shared.CentreZone;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.KeptException;
import org.kept.shared.LocalText;
import org.kept.sla.SlaEntry;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 加急 with something behind it: the priority rises one step, every deadline still running (resolution, and the first
 * response or next update owed) is pulled in to the policy's share of the time left, never below the floor, the team
 * is told, the timeline and the customer see the new dates. Or it is refused, with the
 * reason, and nothing changes.
 */
@Service
public class ExpediteDesk {

    static final String OPERATION = "sla.expedite";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Tickets tickets;
    private final ClockStore clocks;
    private final ClockKeeper keeper;
    private final PolicyStore policies;
    private final CalendarLookup calendars;
    private final ExpediteStore expedites;
    private final NotificationStore notifications;
    private final Recipients recipients;
    private final IdempotentRequests idempotency;
    private final SlaSettings settings;
    private final CentreZone zone;
    private final Clock clock;
    private final ExpediteNotice notice;

    ExpediteDesk(Tickets tickets, ClockStore clocks, ClockKeeper keeper, PolicyStore policies, CalendarLookup calendars,
                 ExpediteStore expedites, NotificationStore notifications, Recipients recipients,
                 IdempotentRequests idempotency, SlaSettings settings, CentreZone zone, Clock clock,
                 ExpediteNotice notice) {
        this.notice = notice;
        this.tickets = tickets;
        this.clocks = clocks;
        this.keeper = keeper;
        this.policies = policies;
        this.calendars = calendars;
        this.expedites = expedites;
        this.notifications = notifications;
        this.recipients = recipients;
        this.idempotency = idempotency;
        this.settings = settings;
        this.zone = zone;
        this.clock = clock;
    }

    public Expedite get(long id) {
        return expedites.get(id);
    }

    /** Expedites requested from {@code from} (inclusive) to {@code to}, per team. */
    public List<TeamFigures> report(Instant from, Instant to) {
        return expedites.report(from, to);
    }

    /** The expedite made (or, for a retried request with the same key, the one made before). */
    public IdempotentRequests.Outcome expedite(long ticketId, String reason, CurrentUser by, String idempotencyKey) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw KeptException.invalid("sla.expedite.reason", 500);
        }
        tickets.get(ticketId);
        return idempotency.once(by.id(), idempotencyKey, OPERATION, ticketId + "\n" + reason.strip(),
                () -> expediteNow(ticketId, reason.strip(), by));
    }

    private long expediteNow(long ticketId, String reason, CurrentUser by) {
        TicketView t = tickets.get(ticketId);
        Instant now = clock.instant();
        if (!t.state().isActive()) {
            throw KeptException.conflict("sla.expedite.closed", t.number(), t.state());
        }
        TicketClock c = clocks.find(ticketId).orElseThrow(() -> KeptException.conflict("sla.expedite.noClock", t.number()));
        if (c.paused()) {
            throw KeptException.conflict("sla.expedite.waiting", t.number());
        }
        if (c.expeditedWithin(settings.expediteCooldown, now)) {
            throw KeptException.conflict("sla.expedite.recent", shown(c.lastExpediteAt()), shown(c.resolutionDue()),
                    settings.expediteCooldown.toHours());
        }
        Instant oldDue = c.resolutionDue();
        if (oldDue == null || !oldDue.isAfter(now)) {
            throw KeptException.conflict("sla.expedite.overdue", oldDue == null ? "-" : shown(oldDue));
        }
        Policy policy = policies.find(c.policyId()).orElseThrow();
        BusinessCalendar calendar = calendars.of(policy.calendarId());
        long resolutionCut = cut(calendar, now, oldDue, policy.expeditePercent());
        if (resolutionCut == 0) {
            throw KeptException.conflict("sla.expedite.floor", shown(oldDue), settings.expediteFloorMinutes);
        }
        // the update the customer is owed comes in too: the first response if none was given yet, else the next update
        long responseCut = c.firstResponseAt() == null ? cut(calendar, now, c.firstResponseDue(), policy.expeditePercent()) : 0;
        long updateCut = c.firstResponseAt() != null ? cut(calendar, now, c.nextUpdateDue(), policy.expeditePercent()) : 0;
        TicketView raised = t;
        if (t.priority() != Priority.P1) {
            raised = tickets.changePriority(ticketId, Priority.ofRank(t.priority().rank() - 1), t.version(), by);
        }
        TicketClock after = clocks.find(ticketId).orElseThrow();
        after.expedite(resolutionCut, responseCut, updateCut, now);
        keeper.recompute(after, raised, now);
        Instant newDue = after.resolutionDue();
        if (newDue == null || !newDue.isBefore(oldDue)) {
            throw KeptException.conflict("sla.expedite.floor", shown(oldDue), settings.expediteFloorMinutes);
        }
        // stored as a message key and arguments: each reader sees it in their own language, times in the centre's
        LocalText body = moved(moved(LocalText.of("sla.entry.reason", reason), "FIRST_RESPONSE", c.firstResponseDue(),
                after.firstResponseDue()), "NEXT_UPDATE", c.nextUpdateDue(), after.nextUpdateDue());
        long id = expedites.insert(ticketId, t.teamId(), by.id(), reason, now, oldDue, newDue);
        tickets.annotate(ticketId, new SlaEntry.Expedited(oldDue, newDue, body.stored()), by);
        List<Long> told = new ArrayList<>(recipients.teamOf(raised.teamId()));
        told.addAll(recipients.holderOf(raised));
        told.remove(by.id());
        notifications.send(told, "EXPEDITE", ticketId, LocalText.of("sla.note.expedite", t.number(), newDue, reason));
        Instant update = after.firstResponseAt() == null ? after.firstResponseDue() : after.nextUpdateDue();
        notice.tell(raised, calendar, newDue, update);
        keepOwed(ticketId, after.owed(), now);
        return id;
    }

    /**
     * Working minutes to take off a running deadline: down to the policy's share of the time left, never below the
     * floor; zero when it is already at the floor, overdue, or not running.
     */
    private long cut(BusinessCalendar calendar, Instant now, Instant due, int percent) {
        if (due == null || !due.isAfter(now)) {
            return 0;
        }
        long left = calendar.minutesBetween(now, due);
        long keep = Math.max(settings.expediteFloorMinutes, left * percent / 100);
        return left <= settings.expediteFloorMinutes || keep >= left ? 0 : left - keep;
    }

    /**
     * "已帮您加急" is not the progress the customer is owed: the acknowledgement must not count as the first response
     * or restart the next-update clock, or an expedite would push those deadlines out instead of in.
     */
    private void keepOwed(long ticketId, TicketClock.Owed owed, Instant now) {
        TicketClock c = clocks.find(ticketId).orElseThrow();
        c.stillOwes(owed);
        keeper.recompute(c, tickets.get(ticketId), now);
    }

    /** The text with a line for a deadline that moved in: "下次更新：… → …" / "Next update: … -> …". */
    private static LocalText moved(LocalText text, String clock, Instant before, Instant after) {
        return before == null || after == null || !after.isBefore(before) ? text
                : LocalText.of("sla.entry.twoLines", text,
                        LocalText.of("sla.entry.moved", LocalText.of("sla.clock." + clock), before, after));
    }

    private String shown(Instant at) {
        return at == null ? "-" : SHOWN.format(at.atZone(zone.zone()));
    }
}
