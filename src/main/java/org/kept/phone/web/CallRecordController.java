package org.kept.phone.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.phone.internal.CallDesk;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** Call records for team leads and planners: {@code GET /api/v1/calls} and the page {@code /console/calls}. */
@Controller
class CallRecordController {

    private final CallDesk desk;
    private final ZoneId zone;

    CallRecordController(CallDesk desk, java.time.Clock clock) {
        this.desk = desk;
        this.zone = clock.getZone();
    }

    @Operation(summary = "Call records, newest first, by period, queue and agent; numbers masked without PII_VIEW")
    @GetMapping("/api/v1/calls")
    @PreAuthorize("hasAuthority('REPORT_READ')")
    @ResponseBody
    List<CallView> list(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                        @RequestParam(required = false) String queue, @RequestParam(required = false) Long agent,
                        @RequestParam(defaultValue = "100") int limit, @AuthenticationPrincipal CurrentUser me) {
        Instant end = to == null ? Instant.now().plusSeconds(60) : to;
        Instant start = from == null ? end.minusSeconds(7 * 86_400) : from;
        return desk.list(start, end, blank(queue), agent, limit).stream()
                .map(r -> CallView.of(r, !me.seesPersonalData())).toList();
    }

    @GetMapping("/console/calls")
    @PreAuthorize("hasAuthority('REPORT_READ')")
    String page(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                @RequestParam(required = false) String queue, @AuthenticationPrincipal CurrentUser me, Model model) {
        LocalDate last = to == null ? LocalDate.now(zone) : to;
        LocalDate first = from == null ? last.minusDays(6) : from;
        model.addAttribute("from", first);
        model.addAttribute("to", last);
        model.addAttribute("queue", queue);
        model.addAttribute("zone", zone);
        model.addAttribute("calls", desk.list(first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant(),
                blank(queue), null, 500).stream().map(r -> CallView.of(r, !me.seesPersonalData())).toList());
        return "phone/calls";
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
