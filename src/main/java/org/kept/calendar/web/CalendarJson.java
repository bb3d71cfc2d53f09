package org.kept.calendar.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kept.calendar.CalendarDefinition;
import org.kept.calendar.CalendarDefinition.DateRange;
import org.kept.calendar.CalendarDefinition.Period;
import org.kept.calendar.internal.StoredCalendar;
import org.kept.shared.KeptException;

/** A calendar as the API reads and writes it. */
@Schema(description = "A business calendar. holidays takes single dates (2026-10-01) or ranges (2026-10-01/2026-10-07); "
        + "holidayRanges takes {from, to} with both days included. workingDays are make-up working days (调休): a date "
        + "that would be off becomes a working day with its own weekday's hours, or, for a weekday without hours such "
        + "as Sunday, the hours of the first weekday from Monday that has them. roundTheClock: 24×7 (no weeklyHours); "
        + "holidays still apply to it.")
record CalendarJson(long id, String name, String timeZone, boolean roundTheClock, List<Hours> weeklyHours,
                    List<String> holidays, List<Range> holidayRanges, List<String> workingDays, int weeklyMinutes,
                    int version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** One period: day MONDAY..SUNDAY, from and to as HH:mm local time, to up to 24:00. */
    record Hours(String day, String from, String to) {
    }

    /** Holiday days from and to, both included (YYYY-MM-DD). */
    record Range(String from, String to) {
    }

    /** What POST and PUT accept; {@code version} is needed on PUT (409 when stale). */
    record Request(String name, String timeZone, Boolean roundTheClock, List<Hours> weeklyHours, List<String> holidays,
                   List<Range> holidayRanges, List<String> workingDays, Integer version) {

        CalendarDefinition definition() {
            return new CalendarDefinition(name, zone(timeZone), Boolean.TRUE.equals(roundTheClock), periods(weeklyHours),
                    ranges(holidays, holidayRanges), dates(workingDays));
        }
    }

    /** The answer of the due-date calculation. */
    record Due(String due, String start, long minutes, long calendarId) {
    }

    static CalendarJson of(StoredCalendar stored) {
        CalendarDefinition d = stored.definition();
        int minutes = d.roundTheClock() ? 7 * 24 * 60
                : d.weeklyHours().stream().mapToInt(p -> p.toMinute() - p.fromMinute()).sum();
        return new CalendarJson(stored.id(), d.name(), d.zone().getId(), d.roundTheClock(),
                d.weeklyHours().stream().map(p -> new Hours(p.day().name(), CalendarDefinition.time(p.fromMinute()),
                        CalendarDefinition.time(p.toMinute()))).toList(),
                d.holidays().stream().filter(DateRange::single).map(r -> r.first().toString()).toList(),
                d.holidays().stream().filter(r -> !r.single()).map(r -> new Range(r.first().toString(), r.last().toString()))
                        .toList(),
                d.workingDays().stream().map(LocalDate::toString).toList(), minutes, stored.version(), stored.createdAt(),
                stored.updatedAt());
    }

    static ZoneId zone(String text) {
        if (text == null || text.isBlank()) {
            throw KeptException.invalid("calendar.zone", "");
        }
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw KeptException.invalid("calendar.zone", text);
        }
    }

    static List<Period> periods(List<Hours> hours) {
        List<Period> periods = new ArrayList<>();
        for (Hours h : hours == null ? List.<Hours>of() : hours) {
            if (h == null) {
                continue;
            }
            periods.add(new Period(day(h.day()), minute(h.from()), minute(h.to())));
        }
        return periods;
    }

    static DayOfWeek day(String text) {
        try {
            return DayOfWeek.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw KeptException.invalid("calendar.day", text);
        }
    }

    static int minute(String text) {
        int minute = CalendarDefinition.minuteOf(text);
        if (minute < 0) {
            throw KeptException.invalid("calendar.time", text);
        }
        return minute;
    }

    /** Single dates and {@code first/last} strings, then {@code {from, to}} objects. */
    static List<DateRange> ranges(List<String> texts, List<Range> ranges) {
        List<DateRange> all = new ArrayList<>();
        for (String text : texts == null ? List.<String>of() : texts) {
            all.add(range(text));
        }
        for (Range r : ranges == null ? List.<Range>of() : ranges) {
            if (r == null) {
                continue;
            }
            all.add(new DateRange(date(r.from()), date(r.to())));
        }
        return all;
    }

    static DateRange range(String text) {
        if (text != null && text.contains("/")) {
            String[] parts = text.split("/", 2);
            return new DateRange(date(parts[0]), date(parts[1]));
        }
        LocalDate day = date(text);
        return new DateRange(day, day);
    }

    static List<LocalDate> dates(List<String> texts) {
        return (texts == null ? List.<String>of() : texts).stream().map(CalendarJson::date).toList();
    }

    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (RuntimeException e) {
            throw KeptException.invalid("calendar.date", text);
        }
    }
}
