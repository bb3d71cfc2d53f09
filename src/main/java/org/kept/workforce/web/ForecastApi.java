package org.kept.workforce.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.kept.ticket.Channel;
import org.kept.workforce.Skill;
import org.kept.workforce.internal.ForecastOverride;
import org.kept.workforce.internal.ForecastDesk;
import org.kept.workforce.internal.Forecaster;
import org.kept.workforce.internal.StaffingSettings;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Forecasts per 30-minute interval, the agents they need, their accuracy, and planners' overrides. */
@RestController
@Tag(name = "workforce")
class ForecastApi {

    private final ForecastDesk forecasts;

    ForecastApi(ForecastDesk forecasts) {
        this.forecasts = forecasts;
    }

    @GetMapping("/api/v1/workforce/forecast")
    @PreAuthorize("hasAnyAuthority('WORKFORCE_PLAN', 'REPORT_READ')")
    @Operation(summary = "A day's forecast of contacts per 30-minute interval and channel, and the agents needed per skill")
    Map<String, Object> forecast(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        ForecastDesk.DayForecast f = forecasts.forecast(day);
        Map<Skill, int[]> required = forecasts.required(f, StaffingSettings.defaults());
        List<Map<String, Object>> intervals = new ArrayList<>();
        for (int i = 0; i < Forecaster.INTERVALS; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("start", PlannerPages.label(i));
            Map<String, Double> contacts = new LinkedHashMap<>();
            for (Channel c : Channel.values()) {
                contacts.put(c.name(), round(f.adjusted().get(c)[i]));
            }
            row.put("contacts", contacts);
            Map<String, Integer> agents = new LinkedHashMap<>();
            int index = i;
            required.forEach((skill, a) -> agents.put(skill.name(), a[index]));
            row.put("requiredAgents", agents);
            intervals.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("day", day);
        body.put("holiday", f.holiday());
        body.put("overrides", f.overrides().stream().map(o -> Map.of("channel", o.channel(), "kind", o.kind(),
                "factor", o.factor() == null ? "" : o.factor(), "note", o.note() == null ? "" : o.note())).toList());
        body.put("intervals", intervals);
        return body;
    }

    @GetMapping("/api/v1/workforce/forecast/accuracy")
    @PreAuthorize("hasAnyAuthority('WORKFORCE_PLAN', 'REPORT_READ')")
    @Operation(summary = "Past days' forecasts (as made the evening before) against actual contacts: error per interval, "
            + "WAPE and MAPE; at most 62 days")
    List<Map<String, Object>> accuracy(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                       @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        if (days <= 0 || days > 62 || to.isAfter(forecasts.today().plusDays(1))) {
            throw KeptException.invalid("workforce.accuracy.range", 62);
        }
        return forecasts.accuracy(from, to).stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("day", d.day());
            m.put("forecast", round(d.accuracy().forecastTotal()));
            m.put("actual", round(d.accuracy().actualTotal()));
            m.put("wape", round(d.accuracy().wape()));
            m.put("mape", round(d.accuracy().mape()));
            List<Double> errors = new ArrayList<>();
            for (double e : d.accuracy().error()) {
                errors.add(round(e));
            }
            m.put("errorPerInterval", errors);
            return m;
        }).toList();
    }

    @PutMapping("/api/v1/workforce/forecast/overrides")
    @PreAuthorize("hasAuthority('WORKFORCE_PLAN')")
    @Operation(summary = "Override a day's forecast: CAMPAIGN or OUTAGE with a factor (e.g. 1.5), or MANUAL with 48 "
            + "volumes; channel is a ticket channel or ALL",
            description = "Naturally idempotent: it replaces the day's override for the channel; no key needed.")
    ResponseEntity<Void> override(@RequestBody OverrideRequest request, @AuthenticationPrincipal CurrentUser me) {
        if (request.day() == null || request.kind() == null) {
            throw KeptException.invalid("workforce.override.factor.invalid");
        }
        forecasts.saveOverride(new ForecastOverride(request.day(), channel(request.channel()), request.kind(), request.factor(),
                request.volumes(), request.note()), me);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/v1/workforce/forecast/overrides")
    @PreAuthorize("hasAuthority('WORKFORCE_PLAN')")
    @Operation(summary = "Remove a day's override for a channel (or ALL)",
            description = "Naturally idempotent: removing what is gone is a 204 again; no key needed.")
    ResponseEntity<Void> remove(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
                                @RequestParam(defaultValue = "ALL") String channel, @AuthenticationPrincipal CurrentUser me) {
        forecasts.removeOverride(day, channel(channel), me);
        return ResponseEntity.noContent().build();
    }

    static String channel(String channel) {
        if (channel == null || channel.isBlank() || channel.equals("ALL")) {
            return "ALL";
        }
        try {
            return Channel.valueOf(channel).name();
        } catch (IllegalArgumentException e) {
            throw KeptException.invalid("workforce.override.channel.invalid", channel);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    record OverrideRequest(LocalDate day, String channel, ForecastOverride.Kind kind, Double factor, double[] volumes,
                           String note) {
    }
}
