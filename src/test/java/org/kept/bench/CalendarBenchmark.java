package org.kept.bench;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.kept.calendar.BusinessCalendar;
import org.kept.calendar.CalendarDefinition;
import org.kept.calendar.CalendarDefinition.DateRange;
import org.kept.calendar.CalendarDefinition.Period;

/**
 * Deadline arithmetic as an SLA engine uses it: addMinutes for random starts over a year, short (up to 3 working days)
 * and long (up to 60 working days) targets, on a split-shift calendar with a year of Chinese holidays in a DST zone and
 * without. Prints the median of 7 rounds in ns per call. Run by hand (see docs/benchmarks.md).
 */
public final class CalendarBenchmark {

    public static void main(String[] args) {
        for (String zone : List.of("Asia/Shanghai", "America/New_York")) {
            BusinessCalendar calendar = calendar(ZoneId.of(zone));
            for (long maxMinutes : new long[] {3 * 480, 60 * 480}) {
                System.out.printf("%-17s targets up to %5d min: %,8d ns per addMinutes (median of 7 rounds)%n", zone,
                        maxMinutes, median(calendar, maxMinutes));
            }
        }
    }

    static BusinessCalendar calendar(ZoneId zone) {
        List<Period> hours = new ArrayList<>();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            hours.add(new Period(day, 9 * 60, 12 * 60));
            hours.add(new Period(day, 13 * 60, 18 * 60));
        }
        List<DateRange> holidays = List.of(new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1)),
                new DateRange(LocalDate.of(2026, 2, 16), LocalDate.of(2026, 2, 22)),
                new DateRange(LocalDate.of(2026, 4, 5), LocalDate.of(2026, 4, 6)),
                new DateRange(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 5)),
                new DateRange(LocalDate.of(2026, 6, 19), LocalDate.of(2026, 6, 19)),
                new DateRange(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 8)));
        return new CalendarDefinition("bench", zone, false, hours, holidays,
                List.of(LocalDate.of(2026, 2, 14), LocalDate.of(2026, 9, 27), LocalDate.of(2026, 10, 10))).arithmetic();
    }

    static long median(BusinessCalendar calendar, long maxMinutes) {
        int calls = 200_000;
        Random random = new Random(42);
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        Instant[] starts = new Instant[calls];
        long[] minutes = new long[calls];
        for (int i = 0; i < calls; i++) {
            starts[i] = base.plusSeconds(random.nextLong(365L * 86400) / 60 * 60);
            minutes[i] = 1 + random.nextLong(maxMinutes);
        }
        long[] rounds = new long[7];
        long sink = 0;
        for (int r = 0; r < rounds.length; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                sink += calendar.addMinutes(starts[i], minutes[i]).getEpochSecond();
            }
            rounds[r] = (System.nanoTime() - t0) / calls;
        }
        if (sink == 42) {
            System.out.println();
        }
        Arrays.sort(rounds);
        return rounds[rounds.length / 2];
    }
}
