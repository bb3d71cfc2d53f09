package org.kept.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.kept.workforce.internal.Accuracy;
import org.kept.workforce.internal.Forecaster;

/** The forecast on synthetic history with known weekly and daily seasonality, a trend and holidays. */
class ForecasterTest {

    static final LocalDate START = LocalDate.of(2026, 1, 5); // a Monday
    static final LocalDate AS_OF = START.plusWeeks(12);

    /** Lunch and after-work peaks, quiet nights. */
    static double shape(int interval) {
        double hour = interval / 2.0;
        return 0.2 + Math.exp(-Math.pow(hour - 12, 2) / 2) + 0.8 * Math.exp(-Math.pow(hour - 19, 2) / 3);
    }

    static double dayLevel(DayOfWeek d) {
        return switch (d) {
            case MONDAY -> 1.3;
            case SATURDAY, SUNDAY -> 0.6;
            default -> 1.0;
        };
    }

    static double truth(LocalDate day, int interval, double growthPerWeek, Set<LocalDate> holidays) {
        double weeks = ChronoUnit.DAYS.between(START, day) / 7.0;
        double v = 20 * dayLevel(day.getDayOfWeek()) * shape(interval) * (1 + growthPerWeek * weeks);
        return holidays.contains(day) ? 0.4 * v : v;
    }

    static Map<LocalDate, double[]> history(double growth, Set<LocalDate> holidays, SplittableRandom noise) {
        Map<LocalDate, double[]> h = new HashMap<>();
        for (LocalDate d = START; d.isBefore(AS_OF); d = d.plusDays(1)) {
            double[] counts = new double[Forecaster.INTERVALS];
            for (int i = 0; i < counts.length; i++) {
                double mean = truth(d, i, growth, holidays);
                counts[i] = noise == null ? mean : Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(noise)));
            }
            h.put(d, counts);
        }
        return h;
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void followsDayOfWeekTimeOfDayAndTrend() {
        Forecaster f = new Forecaster(history(0.03, Set.of(), null), Set.of(), START);
        for (LocalDate day : new LocalDate[] {AS_OF, AS_OF.plusDays(5), AS_OF.plusDays(13)}) {
            double[] forecast = f.forecast(day, AS_OF);
            double[] actual = new double[Forecaster.INTERVALS];
            for (int i = 0; i < actual.length; i++) {
                actual[i] = truth(day, i, 0.03, Set.of());
            }
            assertThat(Accuracy.of(forecast, actual).wape()).as(day.toString()).isLessThan(0.02);
        }
        double[] monday = f.forecast(AS_OF, AS_OF);
        double[] saturday = f.forecast(AS_OF.plusDays(5), AS_OF);
        assertThat(Forecaster.sum(monday) / Forecaster.sum(saturday)).isCloseTo(1.3 / 0.6, within(0.1));
        assertThat(monday[24]).isGreaterThan(monday[6] * 3); // the lunch peak
    }

    @Test
    void noisyHistoryStillForecastsWell() {
        Forecaster f = new Forecaster(history(0.0, Set.of(), new SplittableRandom(7)), Set.of(), START);
        double[] forecast = f.forecast(AS_OF.plusDays(1), AS_OF);
        double[] actual = new double[Forecaster.INTERVALS];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = truth(AS_OF.plusDays(1), i, 0, Set.of());
        }
        Accuracy a = Accuracy.of(forecast, actual);
        assertThat(a.wape()).isLessThan(0.12); // Poisson noise averaged over eight weeks
        assertThat(a.mape()).isLessThan(0.2);
    }

    @Test
    void holidaysAreLearntAndLeftOutOfTheProfile() {
        Set<LocalDate> holidays = Set.of(START.plusWeeks(4).plusDays(2), START.plusWeeks(9).plusDays(3),
                AS_OF.plusDays(2));
        Forecaster f = new Forecaster(history(0.0, holidays, null), holidays, START);
        double holiday = Forecaster.sum(f.forecast(AS_OF.plusDays(2), AS_OF));
        double ordinary = Forecaster.sum(f.forecast(AS_OF.plusDays(9), AS_OF));
        assertThat(holiday / ordinary).isCloseTo(0.4, within(0.02));
        // the Wednesday after a past Wednesday holiday is forecast as an ordinary Wednesday
        assertThat(ordinary).isCloseTo(Forecaster.sum(history(0, Set.of(), null).get(START.plusDays(2))), within(1e-6));
    }

    @Test
    void backTestOnlyUsesThePast() {
        Map<LocalDate, double[]> h = history(0.0, Set.of(), null);
        LocalDate past = AS_OF.minusDays(3);
        double[] spike = h.get(past).clone();
        for (int i = 0; i < spike.length; i++) {
            spike[i] *= 3; // a day nobody could foresee
        }
        h.put(past, spike);
        Forecaster f = new Forecaster(h, Set.of(), START);
        Accuracy a = Accuracy.of(f.forecast(past, past), spike);
        assertThat(a.wape()).isCloseTo(2.0 / 3, within(0.01));
        assertThat(a.error()[24]).isLessThan(0);
    }

    @Test
    void aNewCentreWithoutHistoryForecastsNothingRatherThanGuessing() {
        Forecaster f = new Forecaster(Map.of(), Set.of(), AS_OF);
        assertThat(Forecaster.sum(f.forecast(AS_OF.plusDays(1), AS_OF))).isZero();
    }
}
