package org.kept.sla.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.kept.sla.internal.CommitmentDesk;
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

/** 承诺: promises with a due time, a reminder and an outcome. */
@RestController
@Tag(name = "sla")
class CommitmentController {

    private final CommitmentDesk desk;

    CommitmentController(CommitmentDesk desk) {
        this.desk = desk;
    }

    @PostMapping("/api/v1/tickets/{id}/commitments")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a promise to the customer, owned by the caller, with a due time; callBack=true when it "
            + "is to call the customer (a COMMITMENT callback task opens when its reminder falls due)")
    CommitmentDesk.Commitment promise(@PathVariable long id, @Valid @RequestBody SlaRequests.Promise body,
                                      @AuthenticationPrincipal CurrentUser me) {
        return desk.promise(id, body.promise(), body.due().toInstant(), Boolean.TRUE.equals(body.callBack()), me);
    }

    @GetMapping("/api/v1/commitments")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    @Operation(summary = "Open promises, soonest first: mine (default), or my team's with mine=false")
    List<CommitmentDesk.Commitment> open(@RequestParam(defaultValue = "true") boolean mine,
                                         @AuthenticationPrincipal CurrentUser me) {
        if (!mine && me.teamId() == null) {
            throw KeptException.invalid("sla.commitment.noTeam");
        }
        return (mine ? desk.open(me.id(), null, 200) : desk.open(null, me.teamId(), 200)).stream()
                .map(c -> SlaMasking.of(c, me)).toList();
    }

    @PostMapping("/api/v1/commitments/{id}/kept")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "Mark a promise kept with its outcome",
            description = "A progress call that agreed a new time counts as kept: give nextPromise and nextDue and the "
                    + "next promise starts at once.")
    CommitmentDesk.Commitment kept(@PathVariable long id, @Valid @RequestBody SlaRequests.Kept body,
                                   @AuthenticationPrincipal CurrentUser me) {
        return desk.keep(id, body.outcome(), body.version(), body.nextPromise(),
                body.nextDue() == null ? null : body.nextDue().toInstant(), me);
    }
}
