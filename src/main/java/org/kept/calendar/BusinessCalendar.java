package org.kept.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Working time of one calendar. Arithmetic is exact to the minute across nights, weekends, holidays and DST. */
public interface BusinessCalendar {

    long id();

    ZoneId timeZone();

    /** The instant reached after {@code minutes} of working time from {@code start}. */
    Instant addMinutes(Instant start, long minutes);

    /** Working minutes from {@code from} (included) to {@code to} (excluded); zero when {@code to} is not after {@code from}. */
    long minutesBetween(Instant from, Instant to);

    boolean isWorkingTime(Instant at);

    /** A day with no working hours: a weekend not made up, or a holiday. */
    boolean isDayOff(LocalDate day);
}
