package org.kept.callback.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.kept.callback.Callbacks;
import org.kept.callback.internal.CallbackAttempt;
import org.kept.callback.internal.CallbackDesk;
import org.kept.customer.PhoneNumbers;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 回电: callback tasks, their attempts and outcomes, and click-to-call. */
@RestController
@Tag(name = "callback")
class CallbackApi {

    private final CallbackDesk desk;
    private final Clock clock;

    CallbackApi(CallbackDesk desk, Clock clock) {
        this.desk = desk;
        this.clock = clock;
    }

    /** {@code ticketId} or {@code number} (any format, stored as E.164); the reason defaults to MANUAL. */
    record NewCallback(Callbacks.Reason reason, Long ticketId, @Size(max = 40) String number, Long teamId,
                       OffsetDateTime dueBy, @Size(max = 1000) String note) {
    }

    record Dial(Long attempt) {
    }

    record Outcome(Long attempt, @NotNull CallbackAttempt.Outcome outcome, OffsetDateTime callAgainAt,
                   @Size(max = 1000) String note) {
    }

    @PostMapping("/api/v1/callbacks")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "Ask for a callback on a ticket or a number",
            description = "Naturally idempotent: while a task for the same ticket (or, without one, the same number) and "
                    + "reason is open, the request returns it (200) instead of opening a second (201).")
    ResponseEntity<CallbackJson.Detail> request(@Valid @RequestBody NewCallback body, @AuthenticationPrincipal CurrentUser me) {
        String number = null;
        if (body.number() != null && !body.number().isBlank()) {
            number = PhoneNumbers.parse(body.number()).orElseThrow(() -> KeptException.invalid("callback.number.invalid"));
        }
        Callbacks.Reason reason = body.reason() == null ? Callbacks.Reason.MANUAL : body.reason();
        var opened = desk.open(new Callbacks.CallbackRequest(reason, body.ticketId(), null, number, body.teamId(),
                body.dueBy() == null ? null : body.dueBy().toInstant(), body.note()), null, me.teamId());
        return ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK).body(detail(opened.id(), me));
    }

    @GetMapping("/api/v1/callbacks")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    @Operation(summary = "Open callback tasks: mine (default), my team's, or overdue (a lead's: every team's)")
    Map<String, Object> list(@RequestParam(defaultValue = "MINE") CallbackDesk.View view,
                             @AuthenticationPrincipal CurrentUser me) {
        var now = clock.instant();
        List<CallbackJson.Task> tasks = desk.list(view, me, 200).stream().map(t -> CallbackJson.of(t, me, now)).toList();
        return Map.of("view", view, "counts", desk.counts(me), "tasks", tasks);
    }

    @GetMapping("/api/v1/callbacks/{id}")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    @Operation(summary = "A callback task with its attempts")
    CallbackJson.Detail get(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        desk.getFor(id, me);
        return detail(id, me);
    }

    @PostMapping("/api/v1/callbacks/{id}/dial")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "Click-to-call: ask the PBX to dial the customer for the open attempt",
            description = "Queues a PBX originate in the contact outbox. Naming an attempt already dialled returns it "
                    + "unchanged, so a retry never rings twice.")
    CallbackJson.Detail dial(@PathVariable long id, @RequestBody(required = false) Dial body,
                             @AuthenticationPrincipal CurrentUser me) {
        desk.dial(id, body == null ? null : body.attempt(), me);
        return detail(id, me);
    }

    @PostMapping("/api/v1/callbacks/{id}/outcomes")
    @PreAuthorize("hasAuthority('TICKET_WRITE')")
    @Operation(summary = "Record the open attempt's outcome: REACHED, NO_ANSWER, WRONG_NUMBER or CALL_AGAIN (with callAgainAt)",
            description = "Naming the attempt makes a retry safe: the same outcome on an attempt already recorded returns "
                    + "the task; a different one is 409.")
    CallbackJson.Detail outcome(@PathVariable long id, @Valid @RequestBody Outcome body,
                                @AuthenticationPrincipal CurrentUser me) {
        desk.record(id, body.attempt(), body.outcome(), body.callAgainAt() == null ? null : body.callAgainAt().toInstant(),
                body.note(), me);
        return detail(id, me);
    }

    private CallbackJson.Detail detail(long id, CurrentUser me) {
        var now = clock.instant();
        return new CallbackJson.Detail(CallbackJson.of(desk.get(id), me, now),
                desk.attempts(id).stream().map(a -> CallbackJson.of(a, me)).toList());
    }
}
