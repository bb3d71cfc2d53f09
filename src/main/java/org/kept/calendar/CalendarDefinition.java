package org.kept.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.kept.shared.KeptException;

/**
 * What an administrator defines: weekly hours (several periods a day), holidays (single days and ranges), make-up
 * working days (调休) and a time zone, or round the clock (24×7). The constructor refuses anything that cannot be worked
 * with, above all a calendar without any working time, so every search over it ends.
 */
public record CalendarDefinition(String name, ZoneId zone, boolean roundTheClock, List<Period> weeklyHours,
                                 List<DateRange> holidays, List<LocalDate> workingDays) {

    static final int MAX_NAME = 100;
    static final int MAX_PERIODS_PER_DAY = 12;
    static final int MAX_RANGE_DAYS = 366;
    static final int MAX_DATES = 2000;

    /** One working period on a weekday, in local wall-clock minutes of the day, from included, to excluded, to at most 24:00. */
    public record Period(DayOfWeek day, int fromMinute, int toMinute) {
    }

    /** Days first to last, both included; a single holiday has first = last. */
    public record DateRange(LocalDate first, LocalDate last) {

        public boolean single() {
            return first.equals(last);
        }

        long days() {
            return last.toEpochDay() - first.toEpochDay() + 1;
        }
    }

    public CalendarDefinition {
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
            throw KeptException.invalid("calendar.name", MAX_NAME);
        }
        name = name.strip();
        if (zone == null) {
            throw KeptException.invalid("calendar.zone", "");
        }
        weeklyHours = sorted(weeklyHours == null ? List.of() : weeklyHours);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        workingDays = workingDays == null ? List.of() : workingDays.stream().distinct().sorted().toList();
        checkPeriods(roundTheClock, weeklyHours);
        checkDates(holidays, workingDays);
    }

    /** The arithmetic of this definition, not stored (id 0): for previews and benchmarks. */
    public org.kept.calendar.BusinessCalendar arithmetic() {
        return new org.kept.calendar.internal.WorkingTime(0, this);
    }

    /** The hours of one weekday, in order. */
    public List<Period> hoursOn(DayOfWeek day) {
        return weeklyHours.stream().filter(p -> p.day() == day).toList();
    }

    private static List<Period> sorted(List<Period> periods) {
        return periods.stream().sorted(Comparator.comparing(Period::day).thenComparingInt(Period::fromMinute)).toList();
    }

    private static void checkPeriods(boolean roundTheClock, List<Period> periods) {
        if (roundTheClock) {
            if (!periods.isEmpty()) {
                throw KeptException.invalid("calendar.roundTheClock.hours");
            }
            return;
        }
        if (periods.isEmpty()) {
            throw KeptException.invalid("calendar.noWorkingTime");
        }
        Period before = null;
        for (Period p : periods) {
            if (p.fromMinute() < 0 || p.toMinute() > 24 * 60 || p.fromMinute() >= p.toMinute()) {
                throw KeptException.invalid("calendar.period.order", time(p.fromMinute()), time(p.toMinute()), p.day());
            }
            if (before != null && before.day() == p.day() && before.toMinute() > p.fromMinute()) {
                throw KeptException.invalid("calendar.period.overlap", p.day(), time(before.fromMinute()),
                        time(before.toMinute()), time(p.fromMinute()), time(p.toMinute()));
            }
            before = p;
        }
        for (DayOfWeek day : DayOfWeek.values()) {
            if (periods.stream().filter(p -> p.day() == day).count() > MAX_PERIODS_PER_DAY) {
                throw KeptException.invalid("calendar.period.limit", MAX_PERIODS_PER_DAY);
            }
        }
    }

    private static void checkDates(List<DateRange> holidays, List<LocalDate> workingDays) {
        long dates = workingDays.size();
        Set<LocalDate> off = new HashSet<>();
        for (DateRange range : holidays) {
            if (range.first() == null || range.last() == null || range.last().isBefore(range.first())
                    || range.days() > MAX_RANGE_DAYS) {
                throw KeptException.invalid("calendar.range", range.first(), range.last(), MAX_RANGE_DAYS);
            }
            dates += range.days();
            if (dates > MAX_DATES) {
                throw KeptException.invalid("calendar.dates.tooMany", MAX_DATES);
            }
            for (LocalDate d = range.first(); !d.isAfter(range.last()); d = d.plusDays(1)) {
                off.add(d);
            }
        }
        if (dates > MAX_DATES) {
            throw KeptException.invalid("calendar.dates.tooMany", MAX_DATES);
        }
        for (LocalDate day : workingDays) {
            if (off.contains(day)) {
                throw KeptException.invalid("calendar.conflict", day);
            }
        }
    }

    /** Every holiday date, ranges spelled out. */
    public Set<LocalDate> holidayDates() {
        Set<LocalDate> all = new HashSet<>();
        for (DateRange range : holidays) {
            for (LocalDate d = range.first(); !d.isAfter(range.last()); d = d.plusDays(1)) {
                all.add(d);
            }
        }
        return all;
    }

    /** {@code HH:mm}, with 24:00 for the end of the day. */
    public static String time(int minuteOfDay) {
        return String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }

    /** The minute of the day of {@code HH:mm} (00:00 to 24:00), or -1 when it is not a time. */
    public static int minuteOf(String text) {
        if (text == null || !text.strip().matches("\\d{1,2}:\\d{2}")) {
            return -1;
        }
        String[] parts = text.strip().split(":");
        int hours = Integer.parseInt(parts[0]);
        int minutes = Integer.parseInt(parts[1]);
        if (minutes > 59 || hours > 24 || (hours == 24 && minutes > 0)) {
            return -1;
        }
        return hours * 60 + minutes;
    }

    /** Every period of every day 00:00–24:00: what 24×7 means for the arithmetic. */
    public static List<Period> allDay() {
        List<Period> all = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            all.add(new Period(day, 0, 24 * 60));
        }
        return all;
    }
}
