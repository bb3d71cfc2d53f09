package org.kept.sla.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.OffsetDateTime;
import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.identity.ReportScope;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.IdempotentResponses;
import org.kept.shared.KeptException;
import org.kept.sla.internal.Expedite;
import org.kept.sla.internal.ExpediteDesk;
import org.kept.sla.internal.TeamFigures;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 加急 on the customer's request, and how many expedites were honoured. */
@RestController
@Tag(name = "sla")
class ExpediteController {

    private final ExpediteDesk desk;

    ExpediteController(ExpediteDesk desk) {
        this.desk = desk;
    }

    @PostMapping("/api/v1/tickets/{id}/expedite")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "Expedite (加急) with the customer's reason",
            description = "Raises the priority one step, pulls every running deadline in (resolution, and first response or next update) "
                    + "down to a floor, tells the team and the customer. "
                    + "Refused with 409 and the reason when it cannot have effect (closed, waiting on the customer, "
                    + "expedited recently, deadline passed or as close as it can be). Honours Idempotency-Key.")
    ResponseEntity<Expedite> expedite(@PathVariable long id, @Valid @RequestBody SlaRequests.Expedite body,
                                                    @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                                    @AuthenticationPrincipal CurrentUser me) {
        IdempotentRequests.Outcome done = desk.expedite(id, body.reason(), me, key);
        return IdempotentResponses.created("/api/v1/tickets/" + id + "/timeline", done.replayed(), desk.get(done.id()));
    }

    @GetMapping("/api/v1/reports/expedites")
    @PreAuthorize("hasAuthority('REPORT_READ')")
    @Operation(summary = "Expedites per team requested in [from, to): honoured, missed, still open",
            description = "Readers without REPORT_ALL_TEAMS (team leads) get their own team only; another team is 403.")
    List<TeamFigures> report(@RequestParam OffsetDateTime from, @RequestParam OffsetDateTime to,
                             @RequestParam(required = false) Long team, @AuthenticationPrincipal CurrentUser me) {
        ReportScope scope = ReportScope.of(me, team);
        if (!to.isAfter(from)) {
            throw KeptException.invalid("sla.report.period");
        }
        return desk.report(from.toInstant(), to.toInstant()).stream().filter(f -> scope.shows(f.teamId())).toList();
    }
}
