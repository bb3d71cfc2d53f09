package org.kept.sla.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.kept.calendar.BusinessCalendar;
import org.kept.calendar.Calendars;
import org.kept.shared.CentreZone;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The calendar a policy names; a policy without one (or a calendar since deleted) runs round the clock. */
@Component
class CalendarLookup {

    private final ObjectProvider<Calendars> calendars;
    private final BusinessCalendar fallback;

    CalendarLookup(ObjectProvider<Calendars> calendars, CentreZone zone) {
        this.calendars = calendars;
        this.fallback = new AllHours(zone.zone());
    }

    BusinessCalendar of(Long calendarId) {
        Calendars all = calendars.getIfAvailable();
        if (all == null) {
            return fallback;
        }
        if (calendarId == null) {
            return all.roundTheClock();
        }
        return all.find(calendarId).orElseGet(all::roundTheClock);
    }

    boolean exists(long calendarId) {
        Calendars all = calendars.getIfAvailable();
        return all != null && all.find(calendarId).isPresent();
    }

    /** 24×7 for when no calendar module is present: every minute is working time. */
    record AllHours(ZoneId timeZone) implements BusinessCalendar {
        public long id() {
            return 0;
        }

        public Instant addMinutes(Instant start, long minutes) {
            return start.plus(Duration.ofMinutes(minutes));
        }

        public long minutesBetween(Instant from, Instant to) {
            return to.isAfter(from) ? Duration.between(from, to).toMinutes() : 0;
        }

        public boolean isWorkingTime(Instant at) {
            return true;
        }

        public boolean isDayOff(LocalDate day) {
            return false;
        }
    }
}
