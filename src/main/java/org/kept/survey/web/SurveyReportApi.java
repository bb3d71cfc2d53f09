package org.kept.survey.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.Locale;
import org.kept.identity.CurrentUser;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Survey results for leads and planners. There is deliberately no endpoint to pick, skip or send a survey. */
@RestController
@Tag(name = "reports")
class SurveyReportApi {

    private final NamedResults results;

    SurveyReportApi(NamedResults results) {
        this.results = results;
    }

    @GetMapping("/api/v1/reports/surveys")
    @PreAuthorize("hasAuthority('REPORT_READ')")
    @Operation(summary = "Survey results (满意度) for tickets resolved from..to (the centre's days, both included)",
            description = "Default: the last 30 days. Per team, agent and category: sent, answered, the answers 1 very "
                    + "satisfied / 2 satisfied / 3 unhappy with the attitude / 4 not solved, csat = (1+2)/answered, "
                    + "notSolvedRate = 4/answered, answerRate = answered/sent; integrity signals per group and the "
                    + "surveys that carry them (signals for a lead to look at, never held against the customer). "
                    + "Only final answers count. Readers without REPORT_ALL_TEAMS get their own team; another is 403.")
    NamedResults.Named report(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                              @RequestParam(required = false) Long team, @AuthenticationPrincipal CurrentUser me,
                              Locale locale) {
        return results.read(me, from, to, team, locale);
    }
}
