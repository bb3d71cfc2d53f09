package org.kept.sla.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.kept.sla.internal.EscalationBoard;
import org.kept.sla.internal.Escalator;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Escalation by hand, and the leads' board of what breaches next. */
@RestController
@Tag(name = "sla")
class EscalationController {

    private final Escalator escalator;
    private final EscalationBoard board;
    private final Clock clock;

    EscalationController(Escalator escalator, EscalationBoard board, Clock clock) {
        this.escalator = escalator;
        this.board = board;
        this.clock = clock;
    }

    @PostMapping("/api/v1/tickets/{id}/escalations")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Escalate with a handover note",
            description = "FUNCTIONAL (default) moves the ticket to the next tier of the escalation ladder (seeded: agent → "
                    + "team lead → major-complaints group) with the note on its timeline; HIERARCHICAL tells the team's "
                    + "leads and leaves it where it is.")
    Map<String, Object> escalate(@PathVariable long id, @Valid @RequestBody SlaRequests.Escalation body,
                                 @AuthenticationPrincipal CurrentUser me) {
        String kind = body.kind() == null ? "FUNCTIONAL" : body.kind();
        String note = body.note().strip();
        if (kind.equals("HIERARCHICAL")) {
            escalator.hierarchical(id, note, me);
            return Map.of("ticketId", id, "kind", kind);
        }
        if (!kind.equals("FUNCTIONAL")) {
            throw KeptException.invalid("sla.escalation.kind", kind);
        }
        int level = escalator.functional(id, 0, "人工升级 By hand: " + me.displayName(), note, me);
        return Map.of("ticketId", id, "kind", kind, "level", level);
    }

    @GetMapping("/api/v1/escalations")
    @PreAuthorize("hasAuthority('TICKET_ASSIGN_ANY')")
    @Operation(summary = "The escalation board: running tickets by time to breach, with holder and wait")
    List<EscalationBoard.Row> board(@RequestParam(required = false) Long team,
                                    @RequestParam(defaultValue = "50") int limit,
                                    @AuthenticationPrincipal CurrentUser me) {
        if (limit < 1 || limit > 200) {
            throw KeptException.invalid("error.paging");
        }
        return board.next(team, limit, clock.instant()).stream().map(r -> SlaMasking.of(r, me)).toList();
    }
}
