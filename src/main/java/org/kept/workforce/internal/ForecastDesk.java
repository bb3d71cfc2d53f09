package org.kept.workforce.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kept.identity.CurrentUser;
import org.kept.shared.CentreZone;
import org.kept.ticket.Channel;
import org.kept.workforce.Skill;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.stereotype.Service;

/**
 * A day's forecast per channel (history, then the planner's overrides), the agents it needs per interval, and how
 * good the forecasts of past days were. Holidays: the dates in {@code kept.workforce.holidays} (a list of ISO dates) and, when the calendar module is present and {@code kept.workforce.holiday-calendar} names a calendar,
 * every Monday-to-Friday that calendar takes off (weekends are already in the weekday profile).
 */
@Service
public class ForecastDesk {

    /** History read for a forecast: the profile uses up to eight same weekdays, the holiday factor looks further. */
    private static final int HISTORY_DAYS = 7 * 20;

    private final ContactHistory history;
    private final ForecastOverrideStore overrides;
    private final Clock clock;
    private final CentreZone zone;
    private final Set<LocalDate> holidays;
    private final org.springframework.beans.factory.ObjectProvider<org.kept.calendar.Calendars> calendars;
    private final long holidayCalendar;
    private final ApplicationEventPublisher events;

    ForecastDesk(ContactHistory history, ForecastOverrideStore overrides, Clock clock, CentreZone zone,
                    @Value("${kept.workforce.holidays:}") List<String> holidays,
                    @Value("${kept.workforce.holiday-calendar:0}") long holidayCalendar,
                    org.springframework.beans.factory.ObjectProvider<org.kept.calendar.Calendars> calendars,
                    ApplicationEventPublisher events) {
        this.events = events;
        this.history = history;
        this.overrides = overrides;
        this.clock = clock;
        this.zone = zone;
        this.calendars = calendars;
        this.holidayCalendar = holidayCalendar;
        this.holidays = new HashSet<>();
        // a list property (Spring splits "2026-10-01,2026-10-02" or binds kept.workforce.holidays[0]...)
        holidays.stream().map(String::strip).filter(s -> !s.isEmpty()).map(LocalDate::parse).forEach(this.holidays::add);
    }

    /** A planner's override of one day and channel (a campaign, an outage, or the numbers themselves); checked, then stored. */
    @Transactional
    public void saveOverride(ForecastOverride override, CurrentUser by) {
        overrides.save(override, by.id());
        events.publishEvent(new PlanChanged(by.username(), "workforce.override.save", subject(override.day(), override.channel()),
                override.kind() + (override.factor() == null ? "" : " factor " + override.factor())
                        + (override.volumes() == null ? "" : " volumes " + ForecastOverrideStore.format(override.volumes()))
                        + (override.note() == null ? "" : " note " + override.note())));
    }

    @Transactional
    public void removeOverride(LocalDate day, String channel, CurrentUser by) {
        if (overrides.remove(day, channel)) {
            events.publishEvent(new PlanChanged(by.username(), "workforce.override.remove", subject(day, channel), ""));
        }
    }

    private static String subject(LocalDate day, String channel) {
        return "forecast-override:" + day + "/" + channel;
    }

    /** 48 numbers as a planner types them (commas or spaces), one per 30-minute interval; null when blank. */
    public static double[] typedVolumes(String text) {
        return ForecastOverrideStore.parse(text);
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone.zone()));
    }

    public boolean isHoliday(LocalDate day) {
        return holidays().contains(day);
    }

    /** The configured dates, plus the holiday calendar's weekday days off over the forecast's reach. */
    Set<LocalDate> holidays() {
        org.kept.calendar.Calendars available = holidayCalendar > 0 ? calendars.getIfAvailable() : null;
        if (available == null) {
            return holidays;
        }
        return available.find(holidayCalendar).map(calendar -> {
            Set<LocalDate> all = new HashSet<>(holidays);
            LocalDate today = today();
            for (LocalDate d = today.minusDays(HISTORY_DAYS + 7L * 40); d.isBefore(today.plusDays(400)); d = d.plusDays(1)) {
                java.time.DayOfWeek dow = d.getDayOfWeek();
                if (dow != java.time.DayOfWeek.SATURDAY && dow != java.time.DayOfWeek.SUNDAY && calendar.isDayOff(d)) {
                    all.add(d);
                }
            }
            return all;
        }).orElse(holidays);
    }

    /** The forecast of one day as of today, overrides applied. */
    public DayForecast forecast(LocalDate day) {
        LocalDate asOf = today();
        Map<Channel, Map<LocalDate, double[]>> counts = history.counts(asOf.minusDays(HISTORY_DAYS), asOf);
        LocalDate first = history.firstDay().orElse(asOf);
        Map<Channel, double[]> base = new EnumMap<>(Channel.class);
        Map<Channel, double[]> adjusted = new EnumMap<>(Channel.class);
        // manual numbers replace the forecast first; campaign and outage factors then scale whatever is there
        List<ForecastOverride> dayOverrides = overrides.forDay(day).stream()
                .sorted(java.util.Comparator.comparing((ForecastOverride o) -> o.kind() != ForecastOverride.Kind.MANUAL)
                        .thenComparing(o -> o.channel().equals("ALL")))
                .toList();
        Set<LocalDate> known = holidays();
        for (Channel c : Channel.values()) {
            double[] f = new Forecaster(counts.get(c), known, first).forecast(day, asOf);
            base.put(c, f);
            double[] a = f;
            for (ForecastOverride o : dayOverrides) {
                if (o.channel().equals("ALL") || o.channel().equals(c.name())) {
                    a = o.apply(a);
                }
            }
            adjusted.put(c, a);
        }
        return new DayForecast(day, base, adjusted, dayOverrides, known.contains(day));
    }

    /** Agents needed per interval and skill for a forecast day. */
    public Map<Skill, int[]> required(DayForecast forecast, StaffingSettings settings) {
        Map<Skill, double[]> contacts = new EnumMap<>(Skill.class);
        forecast.adjusted().forEach((channel, volumes) -> {
            double[] sum = contacts.computeIfAbsent(Skill.of(channel), s -> new double[Forecaster.INTERVALS]);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += volumes[i];
            }
        });
        Map<Skill, int[]> agents = new EnumMap<>(Skill.class);
        contacts.forEach((skill, volumes) -> {
            int[] a = new int[Forecaster.INTERVALS];
            for (int i = 0; i < a.length; i++) {
                a[i] = settings.agents(skill, volumes[i]);
            }
            agents.put(skill, a);
        });
        return agents;
    }

    /** For each past day, the forecast it would have had the evening before against what came (all channels). */
    public List<DayAccuracy> accuracy(LocalDate from, LocalDate to) {
        Map<Channel, Map<LocalDate, double[]>> counts = history.counts(from.minusDays(HISTORY_DAYS), to);
        LocalDate first = history.firstDay().orElse(to);
        List<DayAccuracy> days = new ArrayList<>();
        Set<LocalDate> known = holidays();
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            double[] forecast = new double[Forecaster.INTERVALS];
            double[] actual = new double[Forecaster.INTERVALS];
            for (Channel c : Channel.values()) {
                double[] f = new Forecaster(counts.get(c), known, first).forecast(d, d);
                double[] a = counts.get(c).getOrDefault(d, new double[Forecaster.INTERVALS]);
                for (int i = 0; i < forecast.length; i++) {
                    forecast[i] += f[i];
                    actual[i] += a[i];
                }
            }
            days.add(new DayAccuracy(d, Accuracy.of(forecast, actual)));
        }
        return days;
    }

    /** A day's forecast per channel, before and after the planner's overrides. */
    public record DayForecast(LocalDate day, Map<Channel, double[]> base, Map<Channel, double[]> adjusted,
                              List<ForecastOverride> overrides, boolean holiday) {

        public double[] total() {
            double[] t = new double[Forecaster.INTERVALS];
            adjusted.values().forEach(v -> {
                for (int i = 0; i < t.length; i++) {
                    t[i] += v[i];
                }
            });
            return t;
        }
    }

    public record DayAccuracy(LocalDate day, Accuracy accuracy) {
    }
}
