package org.kept.sla.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kept.calendar.BusinessCalendar;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.stereotype.Component;

/**
 * Quick picks for a promise's time ("今天 17:00", "明天 15:00", "两小时内"), within the business calendar that governs the
 * ticket's team (the calendar of the SLA policy its clock runs on, else of the team's first policy): a time the team
 * does not work is never offered, and "tomorrow" skips days off to the next working day.
 */
@Component
public class PromiseTimes {

    /** End of the working day a same-day promise is offered for. */
    static final LocalTime TODAY_AT = LocalTime.of(17, 0);
    /** The time of day a next-working-day promise is offered for. */
    static final LocalTime NEXT_DAY_AT = LocalTime.of(15, 0);
    static final long WITHIN_MINUTES = 120;
    /** How far ahead a next working day is looked for (long holidays included). */
    private static final int DAYS_AHEAD = 21;

    private final ClockStore clocks;
    private final PolicyStore policies;
    private final CalendarLookup calendars;
    private final Tickets tickets;
    private final Clock clock;

    PromiseTimes(ClockStore clocks, PolicyStore policies, CalendarLookup calendars, Tickets tickets, Clock clock) {
        this.clocks = clocks;
        this.policies = policies;
        this.calendars = calendars;
        this.tickets = tickets;
        this.clock = clock;
    }

    /** A proposed time: {@code kind} TODAY, NEXT_DAY (with its date when it is not tomorrow) or WITHIN_TWO_HOURS. */
    public record Pick(String kind, Instant at, boolean tomorrow) {
    }

    public List<Pick> picks(long ticketId) {
        TicketView t = tickets.get(ticketId);
        BusinessCalendar calendar = calendars.of(calendarOf(ticketId, t.teamId()));
        Instant now = clock.instant();
        ZoneId zone = calendar.timeZone();
        LocalDate today = now.atZone(zone).toLocalDate();
        List<Pick> picks = new ArrayList<>();
        Instant todayAt = today.atTime(TODAY_AT).atZone(zone).toInstant();
        if (todayAt.isAfter(now) && works(calendar, today, todayAt)) {
            picks.add(new Pick("TODAY", todayAt, false));
        }
        for (int i = 1; i <= DAYS_AHEAD; i++) {
            LocalDate day = today.plusDays(i);
            Instant at = day.atTime(NEXT_DAY_AT).atZone(zone).toInstant();
            if (works(calendar, day, at)) {
                picks.add(new Pick("NEXT_DAY", at, i == 1));
                break;
            }
        }
        picks.add(new Pick("WITHIN_TWO_HOURS", calendar.addMinutes(now, WITHIN_MINUTES), false));
        return picks;
    }

    /** The team is at work on that day at that time (the minute before it, so an end-of-day time counts). */
    private static boolean works(BusinessCalendar calendar, LocalDate day, Instant at) {
        return !calendar.isDayOff(day) && calendar.isWorkingTime(at.minus(Duration.ofMinutes(1)));
    }

    private Long calendarOf(long ticketId, Long teamId) {
        Optional<Policy> policy = clocks.find(ticketId).map(TicketClock::policyId).flatMap(policies::find);
        if (policy.isEmpty() && teamId != null) {
            policy = policies.ordered().stream().filter(p -> teamId.equals(p.teamId())).findFirst();
        }
        return policy.map(Policy::calendarId).orElse(null);
    }
}
