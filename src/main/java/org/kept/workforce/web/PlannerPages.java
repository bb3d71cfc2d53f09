package org.kept.workforce.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.kept.ticket.Channel;
import org.kept.workforce.Skill;
import org.kept.workforce.internal.Calculator;
import org.kept.workforce.internal.ErlangA;
import org.kept.workforce.internal.ForecastOverride;
import org.kept.workforce.internal.ForecastDesk;
import org.kept.workforce.internal.Forecaster;
import org.kept.workforce.internal.StaffingSettings;
import org.kept.shared.Flash;
import org.kept.shared.PageRefusals;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The planner's page (排班计划): a staffing calculator, a day's forecast and the agents it needs per 30-minute
 * interval (a chart), the planner's overrides of that day, and how accurate the last two weeks' forecasts were.
 */
@Controller
class PlannerPages {

    private final ForecastDesk forecasts;
    private final MessageSource messages;
    private final PageRefusals refusals;
    private final JsonMapper json;

    PlannerPages(ForecastDesk forecasts, MessageSource messages, PageRefusals refusals, JsonMapper json) {
        this.forecasts = forecasts;
        this.messages = messages;
        this.refusals = refusals;
        this.json = json;
    }

    @GetMapping("/console/workforce")
    @PreAuthorize("hasAnyAuthority('WORKFORCE_PLAN', 'REPORT_READ')")
    String planner(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate accuracyDay,
                   Model model, Locale locale) {
        LocalDate today = forecasts.today();
        LocalDate shown = day == null ? today.plusDays(1) : day;
        ForecastDesk.DayForecast forecast = forecasts.forecast(shown);
        Map<Skill, int[]> required = forecasts.required(forecast, StaffingSettings.defaults());
        List<Row> rows = new ArrayList<>();
        double[] total = forecast.total();
        int[] agents = new int[Forecaster.INTERVALS];
        required.values().forEach(a -> {
            for (int i = 0; i < agents.length; i++) {
                agents[i] += a[i];
            }
        });
        for (int i = 0; i < Forecaster.INTERVALS; i++) {
            Map<String, Long> perChannel = new LinkedHashMap<>();
            for (Channel c : Channel.values()) {
                perChannel.put(c.name(), Math.round(forecast.adjusted().get(c)[i]));
            }
            rows.add(new Row(label(i), perChannel, Math.round(total[i]), agents[i]));
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", rows.stream().map(Row::start).toList());
        chart.put("contacts", rows.stream().map(Row::total).toList());
        Map<String, int[]> bySkill = new LinkedHashMap<>();
        Map<String, String> skillNames = new LinkedHashMap<>();
        required.forEach((skill, a) -> {
            bySkill.put(skill.name(), a);
            skillNames.put(skill.name(), messages.getMessage("workforce.skill." + skill.name(), null, skill.name(), locale));
        });
        chart.put("required", bySkill);
        chart.put("names", skillNames); // the legend speaks the planner's language
        model.addAttribute("day", shown);
        model.addAttribute("today", today);
        model.addAttribute("forecast", forecast);
        model.addAttribute("rows", rows);
        model.addAttribute("channels", Channel.values());
        model.addAttribute("chart", json.writeValueAsString(chart));
        List<ForecastDesk.DayAccuracy> accuracy = forecasts.accuracy(today.minusDays(14), today);
        model.addAttribute("accuracy", accuracy);
        LocalDate detailDay = accuracyDay == null ? today.minusDays(1) : accuracyDay;
        accuracy.stream().filter(a -> a.day().equals(detailDay)).findFirst().ifPresent(a -> {
            model.addAttribute("detail", a);
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < Forecaster.INTERVALS; i++) {
                labels.add(label(i));
            }
            model.addAttribute("labels", labels);
        });
        model.addAttribute("kinds", ForecastOverride.Kind.values());
        return "workforce/planner";
    }

    @GetMapping("/console/workforce/calculate")
    @PreAuthorize("hasAnyAuthority('WORKFORCE_PLAN', 'REPORT_READ')")
    String calculate(@RequestParam Map<String, String> params, Model model, Locale locale) {
        try {
            Map<String, String> p = new LinkedHashMap<>(params);
            p.remove("patienceSeconds");
            Calculator.ErlangCAnswer c = Calculator.erlangC(p);
            model.addAttribute("c", c);
            String patience = params.get("patienceSeconds");
            if (patience != null && !patience.isBlank() && c.agents() > 0) {
                Map<String, String> a = new LinkedHashMap<>(params);
                a.put("agents", Integer.toString(c.agents()));
                ErlangA.Performance erlangA = Calculator.erlangA(a);
                model.addAttribute("a", erlangA);
            }
        } catch (KeptException e) {
            model.addAttribute(Flash.ALERT, refusals.sentence(e, locale));
        }
        return "workforce/planner :: result";
    }

    @PostMapping("/console/workforce/overrides")
    @PreAuthorize("hasAuthority('WORKFORCE_PLAN')")
    String override(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
                    @RequestParam String channel, @RequestParam ForecastOverride.Kind kind,
                    @RequestParam(required = false) Double factor, @RequestParam(required = false) String volumes,
                    @RequestParam(required = false) String note, @RequestParam(required = false) String remove,
                    @AuthenticationPrincipal CurrentUser me, RedirectAttributes redirect, Locale locale) {
        String ch = ForecastApi.channel(channel);
        try {
            if (remove != null) {
                forecasts.removeOverride(day, ch, me);
            } else {
                forecasts.saveOverride(new ForecastOverride(day, ch, kind, factor, ForecastDesk.typedVolumes(volumes),
                        note == null || note.isBlank() ? null : note.trim()), me);
            }
        } catch (KeptException e) {
            redirect.addFlashAttribute(Flash.ALERT, refusals.sentence(e, locale));
        }
        redirect.addAttribute("day", day);
        return "redirect:/console/workforce";
    }

    static String label(int interval) {
        return String.format("%02d:%02d", interval / 2, interval % 2 * 30);
    }

    /** One 30-minute interval of the day. */
    record Row(String start, Map<String, Long> contacts, long total, int agents) {
    }
}
