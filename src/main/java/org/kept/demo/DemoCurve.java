package org.kept.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Random;

/**
 * The demo centre's traffic shape, shared by its calls and its tickets so the two agree: a lunch peak and an
 * after-work peak (18–20 h), quiet nights, weekends lower, the last two days of a month higher, and one campaign day
 * (the Tuesday one to two weeks back) twice a normal day.
 */
record DemoCurve(ZoneId zone, LocalDate campaign) {

    /** Relative load by hour of the day; 12 h and 19 h are the peaks. */
    static final int[] HOURS = {2, 1, 1, 1, 1, 2, 4, 9, 30, 58, 68, 72, 96, 84, 60, 58, 57, 64, 90, 96, 80, 40, 18, 8};
    static final int HOUR_SUM = java.util.Arrays.stream(HOURS).sum();

    static DemoCurve of(Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        return new DemoCurve(zone, today.minusDays(7).with(TemporalAdjusters.previous(DayOfWeek.TUESDAY)));
    }

    /** A day's load against a normal weekday's. */
    double day(LocalDate day) {
        double f = switch (day.getDayOfWeek()) {
            case MONDAY -> 1.1;
            case SATURDAY -> 0.6;
            case SUNDAY -> 0.45;
            default -> 1.0;
        };
        if (day.getDayOfMonth() > day.lengthOfMonth() - 2) {
            f *= 1.3;
        }
        return day.equals(campaign) ? f * 2 : f;
    }

    /** An hour's load against a normal weekday's busiest hour. */
    double at(Instant instant) {
        ZonedDateTime t = instant.atZone(zone);
        return day(t.toLocalDate()) * HOURS[t.getHour()] / 96.0;
    }

    /** An instant between the two, drawn with the curve's weight (rejection sampling). */
    Instant sample(Random random, Instant from, Instant to) {
        long span = to.toEpochMilli() - from.toEpochMilli();
        while (true) {
            Instant t = Instant.ofEpochMilli(from.toEpochMilli() + (long) (random.nextDouble() * span));
            if (random.nextDouble() * 2.6 < at(t)) {
                return t;
            }
        }
    }
}
