package org.kept.sla.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.kept.calendar.BusinessCalendar;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.shared.KeptException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hours a team serves customers (服务时间). A time the centre tells a customer ("you will hear from us by …")
 * falls inside them: an SLA clock may run round the clock for urgent work, but nobody calls a customer at 01:08.
 * A team without hours of its own uses the calendar of the ticket's policy.
 */
@Service
public class ServiceHours {

    /** Time to read the case and answer after the service opens, when a time falls outside the hours. */
    static final long FIRST_MINUTES = 60;

    private final TeamHoursStore store;
    private final CalendarLookup calendars;
    private final Directory directory;
    private final Clock clock;

    ServiceHours(TeamHoursStore store, CalendarLookup calendars, Directory directory, Clock clock) {
        this.store = store;
        this.calendars = calendars;
        this.directory = directory;
        this.clock = clock;
    }

    /** A team's service hours, or {@code otherwise} (the ticket policy's calendar) when it has none. */
    BusinessCalendar of(Long teamId, BusinessCalendar otherwise) {
        if (teamId == null) {
            return otherwise;
        }
        return store.calendarOf(teamId).filter(calendars::exists).map(calendars::of).orElse(otherwise);
    }

    /** {@code at} when the team serves then; otherwise the first hour of its next service period. */
    static Instant inside(BusinessCalendar hours, Instant at) {
        return hours.isWorkingTime(at) ? at : hours.addMinutes(at, FIRST_MINUTES);
    }

    public List<TeamHours> all() {
        return store.all();
    }

    /** Sets the calendar a team serves customers by; both must exist (422 otherwise). */
    @Transactional
    public TeamHours set(long teamId, long calendarId, CurrentUser by) {
        if (directory.team(teamId).isEmpty()) {
            throw KeptException.invalid("error.ticket.team", teamId);
        }
        if (!calendars.exists(calendarId)) {
            throw KeptException.invalid("sla.policy.calendar", calendarId);
        }
        store.set(teamId, calendarId, clock.instant());
        return new TeamHours(teamId, calendarId);
    }

    /** One team's service hours: the calendar it serves customers by. */
    public record TeamHours(long teamId, long calendarId) {
    }
}
