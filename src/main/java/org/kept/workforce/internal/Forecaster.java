package org.kept.workforce.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

/**
 * Contacts per 30-minute interval for one channel and one day, from the same weekday of past weeks (day-of-week ×
 * time-of-day seasonality), scaled by the trend of weekly totals (least squares over the same weeks) and, on a
 * holiday, by how past holidays compared with ordinary days. Past holidays are left out of the seasonal profile.
 * Pure: history in, forecast out, so it can be back-tested on any past day by giving it only what came before.
 */
public final class Forecaster {

    public static final int INTERVALS = 48;
    private static final int WEEKS = 8;

    private final Map<LocalDate, double[]> history;
    private final Set<LocalDate> holidays;
    private final LocalDate firstDay;

    /**
     * @param history  counts per interval per day; a day missing between {@code firstDay} and the forecast's
     *                 {@code asOf} had no contacts
     * @param firstDay the first day the centre recorded contacts (earlier days are unknown, not zero)
     */
    public Forecaster(Map<LocalDate, double[]> history, Set<LocalDate> holidays, LocalDate firstDay) {
        this.history = history;
        this.holidays = holidays;
        this.firstDay = firstDay;
    }

    /** The forecast of {@code day} knowing only the days before {@code asOf}. */
    public double[] forecast(LocalDate day, LocalDate asOf) {
        double[] profile = new double[INTERVALS];
        int used = 0;
        double weekOffsetSum = 0;
        for (int w = 1; w <= WEEKS * 4 && used < WEEKS; w++) {
            LocalDate past = day.minusWeeks(w);
            if (!known(past, asOf) || holidays.contains(past)) {
                continue;
            }
            double[] counts = counts(past);
            for (int i = 0; i < INTERVALS; i++) {
                profile[i] += counts[i];
            }
            used++;
            weekOffsetSum += weekIndex(past, asOf);
        }
        if (used == 0) {
            return profile;
        }
        for (int i = 0; i < INTERVALS; i++) {
            profile[i] /= used;
        }
        double factor = trendFactor(asOf, weekOffsetSum / used, weekIndex(day, asOf));
        if (holidays.contains(day)) {
            factor *= holidayFactor(asOf);
        }
        for (int i = 0; i < INTERVALS; i++) {
            profile[i] *= factor;
        }
        return profile;
    }

    /** Growth between the weeks the profile came from and the forecast's week, from a line through weekly totals. */
    double trendFactor(LocalDate asOf, double profileWeek, double targetWeek) {
        int n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int k = 1; k <= WEEKS; k++) {
            LocalDate start = asOf.minusWeeks(k);
            double total = 0;
            int days = 0;
            for (int d = 0; d < 7; d++) {
                LocalDate date = start.plusDays(d);
                if (known(date, asOf) && !holidays.contains(date)) {
                    total += sum(counts(date));
                    days++;
                }
            }
            if (days < 7) {
                continue; // a partial week would bend the line with its weekday mix
            }
            double x = weekIndex(start, asOf) + 0.5;
            n++;
            sx += x;
            sy += total;
            sxx += x * x;
            sxy += x * total;
        }
        if (n < 3) {
            return 1.0;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double intercept = (sy - slope * sx) / n;
        double from = intercept + slope * (profileWeek + 0.5);
        double to = intercept + slope * (targetWeek + 0.5);
        if (from <= 0 || to <= 0) {
            return 1.0;
        }
        return Math.max(0.5, Math.min(2.0, to / from));
    }

    /** Past holidays' volume against the same weekday's ordinary volume; 1 when there is no past holiday to learn from. */
    double holidayFactor(LocalDate asOf) {
        double ratioSum = 0;
        int n = 0;
        for (LocalDate h : holidays) {
            if (!known(h, asOf) || h.isBefore(asOf.minusWeeks(WEEKS * 4L))) {
                continue;
            }
            double normal = 0;
            int weeks = 0;
            for (int w = -4; w <= 4; w++) {
                LocalDate d = h.plusWeeks(w);
                if (w != 0 && known(d, asOf) && !holidays.contains(d)) {
                    normal += sum(counts(d));
                    weeks++;
                }
            }
            if (weeks > 0 && normal > 0) {
                ratioSum += sum(counts(h)) / (normal / weeks);
                n++;
            }
        }
        return n == 0 ? 1.0 : ratioSum / n;
    }

    private boolean known(LocalDate date, LocalDate asOf) {
        return date.isBefore(asOf) && !date.isBefore(firstDay);
    }

    private double[] counts(LocalDate date) {
        double[] c = history.get(date);
        return c == null ? new double[INTERVALS] : c;
    }

    private static double weekIndex(LocalDate date, LocalDate asOf) {
        return ChronoUnit.DAYS.between(asOf, date) / 7.0;
    }

    public static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
