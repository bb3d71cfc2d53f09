package org.kept.calendar;

import java.util.Optional;

/** Finds calendars by id; the 24×7 calendar always exists. */
public interface Calendars {

    Optional<BusinessCalendar> find(long id);

    /** Round the clock, in the centre's time zone: for targets that run on wall-clock time. */
    BusinessCalendar roundTheClock();
}
