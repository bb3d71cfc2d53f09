package org.kept.calendar.internal;

import org.kept.calendar.CalendarDefinition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.kept.calendar.CalendarDefinition.DateRange;
import org.kept.calendar.CalendarDefinition.Period;
import org.kept.shared.KeptException;

/** Business-time arithmetic, exact to the minute: plain JUnit, no Spring. */
class WorkingTimeTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static List<Period> weekdays(String... fromTo) {
        List<Period> periods = new ArrayList<>();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            for (String range : fromTo) {
                String[] p = range.split("-");
                periods.add(new Period(day, CalendarDefinition.minuteOf(p[0]), CalendarDefinition.minuteOf(p[1])));
            }
        }
        return periods;
    }

    static WorkingTime calendar(ZoneId zone, List<Period> hours, List<DateRange> holidays, List<LocalDate> working) {
        return new WorkingTime(1, new CalendarDefinition("t", zone, false, hours, holidays, working));
    }

    static WorkingTime nineToFive(ZoneId zone, LocalDate... holidays) {
        return calendar(zone, weekdays("08:00-17:00"), List.of(holidays).stream().map(d -> new DateRange(d, d)).toList(),
                List.of());
    }

    static Instant at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    static String local(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDateTime().toString();
    }

    @Test
    void theIssuesExampleSkipsTheHolidayFridayAndTheWeekend() {
        WorkingTime c = nineToFive(SHANGHAI, LocalDate.of(2009, 5, 1));
        Instant due = c.addMinutes(OffsetDateTime.parse("2009-04-30T12:00+08:00").toInstant(), 480);
        assertThat(OffsetDateTime.ofInstant(due, SHANGHAI)).isEqualTo(OffsetDateTime.parse("2009-05-04T11:00+08:00"));
    }

    @Test
    void aStartOutsideHoursOrOnAHolidayBeginsAtTheNextWorkingMinute() {
        WorkingTime c = nineToFive(SHANGHAI, LocalDate.of(2009, 5, 1));
        assertThat(local(c.addMinutes(at("2009-04-30T20:00", SHANGHAI), 60), SHANGHAI)).isEqualTo("2009-05-04T09:00");
        assertThat(local(c.addMinutes(at("2009-05-01T10:00", SHANGHAI), 60), SHANGHAI)).isEqualTo("2009-05-04T09:00");
        assertThat(local(c.addMinutes(at("2009-05-04T06:00", SHANGHAI), 1), SHANGHAI)).isEqualTo("2009-05-04T08:01");
    }

    @Test
    void zeroMinutesIsDueAtTheStartAndAFullDayEndsAtClosingNotAtTheNextOpening() {
        WorkingTime c = nineToFive(SHANGHAI);
        Instant start = at("2026-01-10T03:00", SHANGHAI);
        assertThat(c.addMinutes(start, 0)).isEqualTo(start);
        assertThat(local(c.addMinutes(at("2026-01-09T08:00", SHANGHAI), 540), SHANGHAI)).isEqualTo("2026-01-09T17:00");
        assertThatThrownBy(() -> c.addMinutes(start, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void holidayRangesAndMakeUpDays() {
        // National Day: 10-01..10-09 off (Thu..Fri), Sunday 09-27 and Saturday 10-10 are make-up working days (调休)
        WorkingTime c = calendar(SHANGHAI, weekdays("09:00-12:00", "13:00-18:00"),
                List.of(new DateRange(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 9))),
                List.of(LocalDate.of(2026, 9, 27), LocalDate.of(2026, 10, 10)));
        assertThat(c.isDayOff(LocalDate.of(2026, 10, 3))).isTrue();
        assertThat(c.isDayOff(LocalDate.of(2026, 9, 27))).isFalse();
        assertThat(c.isDayOff(LocalDate.of(2026, 10, 11))).isTrue();
        // Saturday 09-26 17:00 is off; the make-up Sunday works Monday's hours: 09:00-12:00, 13:00-...
        assertThat(local(c.addMinutes(at("2026-09-26T17:00", SHANGHAI), 240), SHANGHAI)).isEqualTo("2026-09-27T14:00");
        // Wednesday 09-30 17:00 + 2 h: one hour on 09-30, the week off, then Saturday 10-10 (make-up) 09:00 + 1 h
        assertThat(local(c.addMinutes(at("2026-09-30T17:00", SHANGHAI), 120), SHANGHAI)).isEqualTo("2026-10-10T10:00");
        assertThat(c.isWorkingTime(at("2026-10-10T12:30", SHANGHAI))).isFalse();
        assertThat(c.isWorkingTime(at("2026-10-10T13:30", SHANGHAI))).isTrue();
    }

    @Test
    void splitDaysSkipTheLunchBreak() {
        WorkingTime c = calendar(SHANGHAI, weekdays("08:30-12:00", "13:30-17:30"), List.of(), List.of());
        assertThat(local(c.addMinutes(at("2026-03-02T11:00", SHANGHAI), 90), SHANGHAI)).isEqualTo("2026-03-02T14:00");
        assertThat(local(c.addMinutes(at("2026-03-02T12:15", SHANGHAI), 30), SHANGHAI)).isEqualTo("2026-03-02T14:00");
        assertThat(c.minutesBetween(at("2026-03-02T11:00", SHANGHAI), at("2026-03-02T14:00", SHANGHAI))).isEqualTo(90);
    }

    @Test
    void monthAndYearBoundaries() {
        WorkingTime c = nineToFive(SHANGHAI, LocalDate.of(2027, 1, 1));
        // Thursday 2026-12-31 16:00 + 2 h: 1 h on New Year's Eve, New Year's Day off, weekend, Monday 2027-01-04 09:00
        assertThat(local(c.addMinutes(at("2026-12-31T16:00", SHANGHAI), 120), SHANGHAI)).isEqualTo("2027-01-04T09:00");
        // Friday 2026-01-30 16:00 + 2 h crosses into February
        assertThat(local(c.addMinutes(at("2026-01-30T16:00", SHANGHAI), 120), SHANGHAI)).isEqualTo("2026-02-02T09:00");
    }

    @Test
    void springForwardLosesTheSkippedHourAndFallBackWorksTheRepeatedHourTwice() {
        // New York: 2026-03-08 02:00 -> 03:00 (Sunday), 2026-11-01 02:00 -> 01:00 (Sunday); a night desk 00:00-06:00 daily
        List<Period> nights = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            nights.add(new Period(day, 0, 6 * 60));
        }
        WorkingTime c = calendar(NEW_YORK, nights, List.of(), List.of());
        Instant springStart = at("2026-03-08T00:00", NEW_YORK);
        assertThat(c.minutesBetween(springStart, at("2026-03-08T12:00", NEW_YORK))).isEqualTo(5 * 60);
        assertThat(local(c.addMinutes(springStart, 150), NEW_YORK)).isEqualTo("2026-03-08T03:30");
        Instant fallStart = at("2026-11-01T00:00", NEW_YORK);
        assertThat(c.minutesBetween(fallStart, at("2026-11-01T12:00", NEW_YORK))).isEqualTo(7 * 60);
        // 90 min after midnight: the first 01:30 (EDT); 150 min: the second 01:30 (EST)
        assertThat(OffsetDateTime.ofInstant(c.addMinutes(fallStart, 90), NEW_YORK))
                .isEqualTo(OffsetDateTime.parse("2026-11-01T01:30-04:00"));
        assertThat(OffsetDateTime.ofInstant(c.addMinutes(fallStart, 150), NEW_YORK))
                .isEqualTo(OffsetDateTime.parse("2026-11-01T01:30-05:00"));
    }

    @Test
    void aPeriodInsideTheGapHasNoWorkingTimeAndOneAcrossItIsShorter() {
        // Berlin: 2026-03-29 02:00 -> 03:00 (Sunday)
        List<Period> sunday = List.of(new Period(DayOfWeek.SUNDAY, 2 * 60 + 15, 2 * 60 + 45),
                new Period(DayOfWeek.SUNDAY, 4 * 60, 5 * 60), new Period(DayOfWeek.MONDAY, 9 * 60, 10 * 60));
        WorkingTime c = calendar(BERLIN, sunday, List.of(), List.of());
        Instant saturday = at("2026-03-28T12:00", BERLIN);
        assertThat(local(c.addMinutes(saturday, 30), BERLIN)).isEqualTo("2026-03-29T04:30");
        assertThat(c.minutesBetween(saturday, at("2026-03-30T00:00", BERLIN))).isEqualTo(60);
        // the same calendar a week earlier (no change of offset) works both Sunday periods
        assertThat(c.minutesBetween(at("2026-03-21T12:00", BERLIN), at("2026-03-23T00:00", BERLIN))).isEqualTo(90);
        WorkingTime across = calendar(BERLIN, List.of(new Period(DayOfWeek.SUNDAY, 60, 4 * 60)), List.of(), List.of());
        assertThat(across.minutesBetween(saturday, at("2026-03-30T00:00", BERLIN))).isEqualTo(120);
        assertThat(local(across.addMinutes(saturday, 90), BERLIN)).isEqualTo("2026-03-29T03:30");
    }

    @Test
    void roundTheClockIsPlainTimeAndStillHonoursHolidays() {
        WorkingTime plain = new WorkingTime(0, new CalendarDefinition("24x7", NEW_YORK, true, List.of(), List.of(), List.of()));
        Instant start = at("2026-03-07T22:00", NEW_YORK);
        assertThat(plain.addMinutes(start, 24 * 60)).isEqualTo(start.plusSeconds(24 * 3600));
        assertThat(plain.isWorkingTime(at("2026-03-08T02:30", NEW_YORK))).isTrue();
        WorkingTime withHoliday = new WorkingTime(0, new CalendarDefinition("24x7", SHANGHAI, true, List.of(),
                List.of(new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1))), List.of()));
        assertThat(local(withHoliday.addMinutes(at("2025-12-31T23:00", SHANGHAI), 120), SHANGHAI))
                .isEqualTo("2026-01-02T01:00");
    }

    @Test
    void longTargetsSkipWeeksAndAgreeWithTheDayByDayCount() {
        WorkingTime c = nineToFive(NEW_YORK, LocalDate.of(2026, 7, 3), LocalDate.of(2026, 12, 25));
        Instant start = at("2026-01-05T08:00", NEW_YORK);
        Instant due = c.addMinutes(start, 250L * 540);
        // 2026 has 261 weekdays; two holidays; the 250th working day after Jan 5 (inclusive)
        LocalDate day = LocalDate.of(2026, 1, 5);
        int counted = 0;
        LocalDate last = null;
        while (counted < 250) {
            if (day.getDayOfWeek().getValue() <= 5 && !day.equals(LocalDate.of(2026, 7, 3))
                    && !day.equals(LocalDate.of(2026, 12, 25))) {
                counted++;
                last = day;
            }
            day = day.plusDays(1);
        }
        assertThat(local(due, NEW_YORK)).isEqualTo(last + "T17:00");
        assertThat(c.minutesBetween(start, due)).isEqualTo(250L * 540);
    }

    @Test
    void minutesBetweenIsTheInverseOfAddMinutes() {
        Random random = new Random(20260501);
        List<WorkingTime> calendars = List.of(
                calendar(NEW_YORK, weekdays("08:30-12:00", "13:00-17:30"),
                        List.of(new DateRange(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 27))),
                        List.of(LocalDate.of(2026, 11, 1))),
                calendar(BERLIN, weekdays("00:00-02:30", "02:45-24:00"), List.of(), List.of(LocalDate.of(2026, 3, 29))),
                nineToFive(SHANGHAI, LocalDate.of(2026, 10, 1)),
                new WorkingTime(0, new CalendarDefinition("24x7", BERLIN, true, List.of(),
                        List.of(new DateRange(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 26))), List.of())));
        Instant base = at("2026-01-01T00:00", SHANGHAI);
        for (int i = 0; i < 4000; i++) {
            WorkingTime c = calendars.get(i % calendars.size());
            Instant start = base.plusSeconds(random.nextLong(366L * 24 * 3600) / 60 * 60);
            long minutes = random.nextInt(4) == 0 ? random.nextInt(200_000) : random.nextInt(3000);
            Instant due = c.addMinutes(start, minutes);
            assertThat(c.minutesBetween(start, due)).as("%s + %d on %s", start, minutes, c.timeZone()).isEqualTo(minutes);
            if (minutes > 0) {
                assertThat(c.isWorkingTime(due.minusSeconds(60))).as("the last minute before %s is worked", due).isTrue();
                assertThat(c.minutesBetween(start, due.minusSeconds(60))).isEqualTo(minutes - 1);
            }
        }
    }

    @Test
    void aCalendarWithoutWorkingTimeOrWithBadPeriodsIsRefused() {
        assertThatThrownBy(() -> calendar(SHANGHAI, List.of(), List.of(), List.of())).isInstanceOf(KeptException.class)
                .hasMessage("calendar.noWorkingTime");
        assertThatThrownBy(() -> calendar(SHANGHAI, List.of(new Period(DayOfWeek.MONDAY, 600, 600)), List.of(), List.of()))
                .hasMessage("calendar.period.order");
        assertThatThrownBy(() -> calendar(SHANGHAI, List.of(new Period(DayOfWeek.MONDAY, 480, 720),
                new Period(DayOfWeek.MONDAY, 700, 800)), List.of(), List.of())).hasMessage("calendar.period.overlap");
        assertThatThrownBy(() -> calendar(SHANGHAI, weekdays("08:00-17:00"),
                List.of(new DateRange(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 1))), List.of()))
                .hasMessage("calendar.range");
        assertThatThrownBy(() -> calendar(SHANGHAI, weekdays("08:00-17:00"),
                List.of(new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 3))), List.of(LocalDate.of(2026, 1, 3))))
                .hasMessage("calendar.conflict");
    }

    @Test
    void aSearchAlwaysEnds() {
        // every date of a year a holiday, in 366-day ranges: the search still finds the next working minute
        List<DateRange> off = new ArrayList<>();
        off.add(new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
        WorkingTime c = calendar(SHANGHAI, weekdays("08:00-17:00"), off, List.of());
        assertThat(local(c.addMinutes(at("2026-01-01T00:00", SHANGHAI), 1), SHANGHAI)).isEqualTo("2027-01-01T08:01");
        assertThatThrownBy(() -> c.addMinutes(at("2026-01-01T00:00", SHANGHAI), Long.MAX_VALUE / 2))
                .isInstanceOf(RuntimeException.class);
    }
}
