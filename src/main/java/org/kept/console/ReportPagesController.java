package org.kept.console;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.ReportScope;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.kept.shared.CentreZone;
import org.kept.ticket.RepeatContacts;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The repeat-contact report: per team, how many tickets of a period the customer had to chase, as a table and a chart. */
@Controller
class ReportPagesController {

    private final RepeatContacts repeatContacts;
    private final Directory directory;
    private final CentreZone centre;
    private final Clock clock;

    ReportPagesController(RepeatContacts repeatContacts, Directory directory, CentreZone centre, Clock clock) {
        this.repeatContacts = repeatContacts;
        this.directory = directory;
        this.centre = centre;
        this.clock = clock;
    }

    /** One line of the table; rate in percent with one decimal. */
    record Line(String team, long tickets, long withRepeats, double percent, long repeatContacts) {
    }

    @GetMapping("/console/reports/repeat-contacts")
    @PreAuthorize("hasAuthority('REPORT_READ')")
    String repeatContacts(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                          @RequestParam(required = false) Long team, @AuthenticationPrincipal CurrentUser me, Model model) {
        ReportScope scope = ReportScope.of(me, team);
        LocalDate last = to != null ? to : LocalDate.now(clock.withZone(centre.zone()));
        LocalDate first = from != null && !from.isAfter(last) ? from : last.minusDays(29);
        List<Line> lines = repeatContacts.report(first.atStartOfDay(centre.zone()).toOffsetDateTime(),
                last.plusDays(1).atStartOfDay(centre.zone()).toOffsetDateTime()).stream()
                .filter(r -> scope.shows(r.teamId()))
                .map(r -> new Line(r.teamId() == null ? null : directory.team(r.teamId()).map(t -> t.name())
                        .orElse("#" + r.teamId()), r.tickets(), r.ticketsWithRepeats(),
                        Math.round(r.rate() * 1000) / 10.0, r.repeatContacts()))
                .toList();
        model.addAttribute("from", first);
        model.addAttribute("to", last);
        model.addAttribute("lines", lines);
        model.addAttribute("team", scope.teamId());
        return "console/report-repeat-contacts";
    }
}
