package org.kept.calendar.internal;

import org.kept.calendar.CalendarDefinition;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import org.kept.calendar.BusinessCalendar;

/**
 * The arithmetic of one calendar. Working time is the set of instants whose local wall-clock time, on a working date,
 * lies in one of that date's periods: a period crossing a DST gap loses the skipped hour, one crossing an overlap
 * works the repeated hour twice. Time is counted in seconds, so {@link #minutesBetween} is the exact inverse of
 * {@link #addMinutes}. Plain weeks (no holiday, make-up day or offset change) are skipped arithmetically; the day
 * walk is bounded.
 *
 * <p>A make-up working day (调休) works its own weekday's hours when that weekday has any, otherwise the hours of the
 * first weekday from Monday that has them (normally Monday's: a make-up Sunday is worked like an ordinary weekday).
 */
public final class WorkingTime implements BusinessCalendar {

    /** No search walks further than this many days (with weeks skipped, far fewer steps). */
    static final int MAX_STEPS = 366 * 100;
    private static final long DAY = 86_400;
    private static final long WEEK = 7 * DAY;
    private static final long MAX_OFFSET = 18 * 3600;
    private static final long[] NONE = {};

    private final long id;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final int[][] hours = new int[7][];
    private final int[] makeUpHours;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> makeUpDays;
    private final NavigableSet<LocalDate> specialDays = new TreeSet<>();
    private final long weekSeconds;
    /** 24×7 without holidays: plain instant arithmetic. */
    private final boolean continuous;

    public WorkingTime(long id, CalendarDefinition definition) {
        this.id = id;
        this.zone = definition.zone();
        this.rules = zone.getRules();
        List<CalendarDefinition.Period> periods = definition.roundTheClock() ? CalendarDefinition.allDay()
                : definition.weeklyHours();
        long week = 0;
        for (DayOfWeek day : DayOfWeek.values()) {
            hours[day.ordinal()] = merged(periods.stream().filter(p -> p.day() == day).toList());
            for (int i = 0; i < hours[day.ordinal()].length; i += 2) {
                week += (hours[day.ordinal()][i + 1] - hours[day.ordinal()][i]) * 60L;
            }
        }
        if (week == 0) {
            throw new IllegalArgumentException("a calendar needs working time");
        }
        this.weekSeconds = week;
        this.makeUpHours = firstWorkingWeekday();
        this.holidays = definition.holidayDates();
        this.makeUpDays = Set.copyOf(definition.workingDays());
        specialDays.addAll(holidays);
        specialDays.addAll(makeUpDays);
        this.continuous = definition.roundTheClock() && holidays.isEmpty();
    }

    private static int[] merged(List<CalendarDefinition.Period> periods) {
        List<int[]> out = new ArrayList<>();
        periods.stream().sorted((a, b) -> Integer.compare(a.fromMinute(), b.fromMinute())).forEach(p -> {
            if (!out.isEmpty() && out.get(out.size() - 1)[1] >= p.fromMinute()) {
                out.get(out.size() - 1)[1] = Math.max(out.get(out.size() - 1)[1], p.toMinute());
            } else {
                out.add(new int[] {p.fromMinute(), p.toMinute()});
            }
        });
        return out.stream().flatMapToInt(Arrays::stream).toArray();
    }

    private int[] firstWorkingWeekday() {
        for (int[] day : hours) {
            if (day.length > 0) {
                return day;
            }
        }
        throw new IllegalStateException("unreachable: the week has working time");
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public ZoneId timeZone() {
        return zone;
    }

    @Override
    public Instant addMinutes(Instant start, long minutes) {
        if (minutes < 0) {
            throw new IllegalArgumentException("minutes must not be negative: " + minutes);
        }
        if (minutes == 0) {
            return start;
        }
        long remaining = Math.multiplyExact(minutes, 60L);
        if (continuous) {
            return start.plusSeconds(remaining);
        }
        long t = start.getEpochSecond();
        LocalDate day = localDate(t).minusDays(1);
        for (int step = 0; step < MAX_STEPS; step++) {
            long dayStart = startOf(day);
            if (t <= dayStart) {
                long weeks = plainWeeks(day, (remaining - 1) / weekSeconds);
                if (weeks > 0) {
                    day = day.plusWeeks(weeks);
                    t = dayStart + weeks * WEEK;
                    remaining -= weeks * weekSeconds;
                }
            }
            long[] working = intervals(day);
            for (int i = 0; i < working.length; i += 2) {
                if (working[i + 1] <= t) {
                    continue;
                }
                long from = Math.max(working[i], t);
                long available = working[i + 1] - from;
                if (remaining <= available) {
                    return Instant.ofEpochSecond(from + remaining);
                }
                remaining -= available;
                t = working[i + 1];
            }
            day = day.plusDays(1);
        }
        throw new IllegalArgumentException("no deadline within " + MAX_STEPS + " days");
    }

    @Override
    public long minutesBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        if (continuous) {
            return (to.getEpochSecond() - from.getEpochSecond()) / 60;
        }
        long a = from.getEpochSecond();
        long b = to.getEpochSecond();
        LocalDate day = localDate(a).minusDays(1);
        LocalDate last = localDate(b).plusDays(1);
        long total = 0;
        for (int step = 0; step < MAX_STEPS && !day.isAfter(last); step++) {
            long dayStart = startOf(day);
            if (a <= dayStart) {
                long weeks = plainWeeks(day, (b - dayStart) / WEEK);
                if (weeks > 0) {
                    day = day.plusWeeks(weeks);
                    total += weeks * weekSeconds;
                    a = dayStart + weeks * WEEK;
                }
            }
            long[] working = intervals(day);
            for (int i = 0; i < working.length; i += 2) {
                long s = Math.max(working[i], a);
                long e = Math.min(working[i + 1], b);
                if (e > s) {
                    total += e - s;
                }
            }
            day = day.plusDays(1);
        }
        return total / 60;
    }

    @Override
    public boolean isWorkingTime(Instant at) {
        long t = at.getEpochSecond();
        LocalDate day = localDate(t);
        for (LocalDate d = day.minusDays(1); !d.isAfter(day.plusDays(1)); d = d.plusDays(1)) {
            long[] working = intervals(d);
            for (int i = 0; i < working.length; i += 2) {
                if (working[i] <= t && t < working[i + 1]) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public boolean isDayOff(LocalDate day) {
        return hoursOf(day).length == 0;
    }

    /** The local wall-clock periods of a date, after holidays and make-up days. */
    int[] hoursOf(LocalDate day) {
        if (holidays.contains(day)) {
            return new int[0];
        }
        int[] usual = hours[day.getDayOfWeek().ordinal()];
        if (usual.length == 0 && makeUpDays.contains(day)) {
            return makeUpHours;
        }
        return usual;
    }

    /**
     * How many whole weeks from the start of {@code day} (at most {@code wanted}) hold exactly the usual weekly hours:
     * no holiday or make-up day in them and no offset change within a day of them.
     */
    private long plainWeeks(LocalDate day, long wanted) {
        if (wanted <= 0) {
            return 0;
        }
        long weeks = wanted;
        LocalDate special = specialDays.ceiling(day);
        if (special != null) {
            weeks = Math.min(weeks, (special.toEpochDay() - day.toEpochDay()) / 7);
        }
        long dayStart = startOf(day);
        ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(dayStart - DAY));
        if (next != null) {
            long clear = next.getInstant().getEpochSecond() - DAY - dayStart;
            weeks = Math.min(weeks, Math.max(0, clear) / WEEK);
        }
        return weeks;
    }

    /** The working intervals of a date as epoch seconds (start, end, start, end...), in order and merged. */
    long[] intervals(LocalDate day) {
        int[] local = hoursOf(day);
        if (local.length == 0) {
            return NONE;
        }
        long midnight = day.toEpochDay() * DAY;
        long windowStart = midnight + local[0] * 60L - MAX_OFFSET;
        long windowEnd = midnight + local[local.length - 1] * 60L + MAX_OFFSET;
        Instant probe = Instant.ofEpochSecond(windowStart);
        long offset = rules.getOffset(probe).getTotalSeconds();
        ZoneOffsetTransition transition = rules.nextTransition(probe);
        long[] out = new long[local.length];
        if (transition == null || transition.getInstant().getEpochSecond() >= windowEnd) {
            for (int i = 0; i < local.length; i++) {
                out[i] = midnight + local[i] * 60L - offset;
            }
            return out;
        }
        return acrossTransitions(local, midnight, windowEnd, offset, transition);
    }

    /** Each period cut into pieces of constant offset; a gap drops instants, an overlap adds the repeated ones. */
    private long[] acrossTransitions(int[] local, long midnight, long windowEnd, long firstOffset,
                                     ZoneOffsetTransition firstTransition) {
        List<long[]> pieces = new ArrayList<>();
        for (int i = 0; i < local.length; i += 2) {
            long from = midnight + local[i] * 60L;
            long to = midnight + local[i + 1] * 60L;
            long segmentStart = Long.MIN_VALUE;
            long offset = firstOffset;
            ZoneOffsetTransition transition = firstTransition;
            for (int guard = 0; guard < 16; guard++) {
                long segmentEnd = transition == null ? Long.MAX_VALUE : transition.getInstant().getEpochSecond();
                long s = Math.max(from - offset, segmentStart);
                long e = Math.min(to - offset, segmentEnd);
                if (s < e) {
                    pieces.add(new long[] {s, e});
                }
                if (transition == null || segmentEnd >= windowEnd) {
                    break;
                }
                segmentStart = segmentEnd;
                offset = transition.getOffsetAfter().getTotalSeconds();
                transition = rules.nextTransition(transition.getInstant());
            }
        }
        pieces.sort((x, y) -> Long.compare(x[0], y[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] piece : pieces) {
            if (!merged.isEmpty() && merged.get(merged.size() - 1)[1] >= piece[0]) {
                merged.get(merged.size() - 1)[1] = Math.max(merged.get(merged.size() - 1)[1], piece[1]);
            } else {
                merged.add(piece);
            }
        }
        return merged.stream().flatMapToLong(Arrays::stream).toArray();
    }

    private LocalDate localDate(long epochSecond) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(epochSecond), zone);
    }

    private long startOf(LocalDate day) {
        return day.atStartOfDay(zone).toEpochSecond();
    }
}
