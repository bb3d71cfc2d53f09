package org.kept.protection.web;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.kept.identity.CurrentUser;
import org.kept.protection.internal.AbuseReport;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Abuse by source, time and level (ECharts), for leads and planners. */
@Controller
class AbuseReportPage {

    private final AbuseReport report;

    AbuseReportPage(AbuseReport report) {
        this.report = report;
    }

    @GetMapping("/console/reports/abuse")
    @PreAuthorize("hasAuthority('REPORT_READ')")
    String page(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                @RequestParam(required = false) Long team, @AuthenticationPrincipal CurrentUser me, Model model) {
        AbuseReport.Report r = report.read(me, from, to, team);
        model.addAttribute("r", r);
        model.addAttribute("hours", Arrays.stream(r.byHour()).mapToObj(Long::toString).collect(Collectors.joining("|")));
        return "protection/report";
    }
}
