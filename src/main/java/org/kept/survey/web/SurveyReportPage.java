package org.kept.survey.web;

import java.time.LocalDate;
import java.util.Locale;
import org.kept.identity.CurrentUser;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The survey results page: CSAT and "not solved" per team as a chart, tables per team, agent and category, signals. */
@Controller
class SurveyReportPage {

    private final NamedResults results;

    SurveyReportPage(NamedResults results) {
        this.results = results;
    }

    @GetMapping("/console/reports/surveys")
    @PreAuthorize("hasAuthority('REPORT_READ')")
    String page(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                @RequestParam(required = false) Long team, @AuthenticationPrincipal CurrentUser me, Locale locale,
                Model model) {
        LocalDate last = to;
        LocalDate first = from != null && last != null && from.isAfter(last) ? null : from;
        model.addAttribute("r", results.read(me, first, last, team, locale));
        return "survey/results";
    }
}
