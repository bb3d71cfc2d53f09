package org.kept.workforce.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kept.identity.CurrentUser;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.IdempotentResponses;
import org.kept.shared.KeptException;
import org.kept.workforce.internal.HandoverStore;
import org.kept.workforce.internal.HandoverDesk;
import org.kept.workforce.internal.HandoverReading;
import org.kept.workforce.internal.HandoverPreview;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Shift handover sheets (交接班单) and the business notices they carry. */
@RestController
@Tag(name = "workforce")
class HandoverApi {

    private final HandoverDesk handovers;
    private final IdempotentRequests keyed;

    HandoverApi(HandoverDesk handovers, IdempotentRequests keyed) {
        this.handovers = handovers;
        this.keyed = keyed;
    }

    @PostMapping("/api/v1/workforce/handovers")
    @PreAuthorize("isAuthenticated() and !hasAuthority('PORTAL')")
    @Operation(summary = "Draft the caller's handover sheet: tickets held, follow-ups, commitments coming due, notices",
            description = "With an Idempotency-Key the same key and body return the same sheet (200, Idempotent-Replayed: "
                    + "true) and draft no second one; the same key with another body is a 422.")
    ResponseEntity<Map<String, Object>> draft(@RequestBody(required = false) Draft request,
                                              @Parameter(description = "Client-chosen key, up to 100 characters")
                                              @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                              @AuthenticationPrincipal CurrentUser me) {
        Long incoming = request == null ? null : request.incomingId();
        IdempotentRequests.Outcome made = keyed.once(me.id(), idempotencyKey, "workforce.handover.draft",
                String.valueOf(incoming), () -> handovers.draft(me, incoming));
        return IdempotentResponses.created("/api/v1/workforce/handovers/" + made.id(), made.replayed(), view(handovers.sheet(made.id()), me));
    }

    @GetMapping("/api/v1/workforce/handovers")
    @PreAuthorize("isAuthenticated() and !hasAuthority('PORTAL')")
    @Operation(summary = "Sheets the caller may see (own, own team's; planners all, by their metadata), newest first, optionally matching words "
            + "(in the sheets whose texts the caller reads, as masked for them)")
    List<HandoverStore.Sheet> search(@RequestParam(required = false) String q, @AuthenticationPrincipal CurrentUser me) {
        return handovers.search(me, q).stream().map(s -> HandoverReading.sheet(s, me)).toList();
    }

    @GetMapping("/api/v1/workforce/handovers/{id}")
    @PreAuthorize("isAuthenticated() and !hasAuthority('PORTAL')")
    @Operation(summary = "One sheet with its items and where each went")
    Map<String, Object> get(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        return view(handovers.visible(id, me), me);
    }

    @PutMapping("/api/v1/workforce/handovers/{id}/items/{itemId}")
    @PreAuthorize("isAuthenticated() and !hasAuthority('PORTAL')")
    @Operation(summary = "The outgoing agent names the colleague who takes an item (null: the team queue)",
            description = "Naturally idempotent: it sets the item's new owner, so repeating it changes nothing; no key needed.")
    Map<String, Object> assign(@PathVariable long id, @PathVariable long itemId, @RequestBody Owner request,
                               @AuthenticationPrincipal CurrentUser me) {
        handovers.visible(id, me);
        handovers.assignItem(id, itemId, request.newOwnerId(), me);
        return view(handovers.sheet(id), me);
    }

    @PutMapping("/api/v1/workforce/handovers/{id}/items")
    @PreAuthorize("isAuthenticated() and !hasAuthority('PORTAL')")
    @Operation(summary = "The outgoing agent gives several items to one colleague at once (null: the team queue)",
            description = "Naturally idempotent, like the single-item form.")
    Map<String, Object> assignAll(@PathVariable long id, @RequestBody Owners request, @AuthenticationPrincipal CurrentUser me) {
        handovers.visible(id, me);
        handovers.assignItems(id, request.itemIds(), request.newOwnerId(), me);
        return view(handovers.sheet(id), me);
    }

    @GetMapping("/api/v1/workforce/handovers/{id}/preview")
    @PreAuthorize("isAuthenticated() and !hasAuthority('PORTAL')")
    @Operation(summary = "What signing would do now: tickets per new owner and team queue, P1 complaints, promises moving")
    HandoverPreview preview(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        handovers.visible(id, me);
        return handovers.preview(id);
    }

    @PostMapping("/api/v1/workforce/handovers/{id}/sign")
    @PreAuthorize("isAuthenticated() and !hasAuthority('PORTAL')")
    @Operation(summary = "Sign as the outgoing agent (moves every ticket) or, once they have, as the incoming agent",
            description = "A stale version is a 409, so a blind retry fails; with an Idempotency-Key the retry answers 200 "
                    + "with the sheet (Idempotent-Replayed: true) and signs nothing twice.")
    ResponseEntity<Map<String, Object>> sign(@PathVariable long id, @RequestBody Signature request,
                                             @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                             @AuthenticationPrincipal CurrentUser me) {
        if (request.version() == null) {
            throw KeptException.invalid("workforce.handover.version");
        }
        IdempotentRequests.Outcome done = keyed.once(me.id(), idempotencyKey, "workforce.handover.sign",
                id + ";" + request, () -> {
                    HandoverStore.Sheet sheet = handovers.visible(id, me);
                    if (sheet.state().equals("DRAFT")) {
                        handovers.signOutgoing(id, request.version(), request.notes(), me);
                    } else {
                        handovers.signIncoming(id, request.version(), request.notes(), me);
                    }
                    return id;
                });
        return ResponseEntity.ok().header("Idempotent-Replayed", String.valueOf(done.replayed()))
                .body(view(handovers.visible(id, me), me));
    }

    @PostMapping("/api/v1/workforce/notices")
    @PreAuthorize("hasAuthority('WORKFORCE_PLAN')")
    @Operation(summary = "A business notice for handover sheets (a product going live or offline), for a team or everyone",
            description = "With an Idempotency-Key the same key and body return the same notice id (200, "
                    + "Idempotent-Replayed: true) and post no second one; the same key with another body is a 422.")
    ResponseEntity<Map<String, Object>> notice(@RequestBody NewNotice request,
                                               @Parameter(description = "Client-chosen key, up to 100 characters")
                                               @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                               @AuthenticationPrincipal CurrentUser me) {
        IdempotentRequests.Outcome made = keyed.once(me.id(), idempotencyKey, "workforce.notice.create", request.toString(),
                () -> handovers.addNotice(request.title(), request.body(), request.kind(), request.teamId(),
                        request.effectiveAt(), request.untilAt(), me));
        return ResponseEntity.status(made.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .header("Idempotent-Replayed", String.valueOf(made.replayed())).body(Map.of("id", made.id()));
    }

    /**
     * The sheet as the reader may see it: texts masked by their rights; a planner overseeing another team's sheet
     * gets its metadata and counts, no ticket texts ({@code textsHidden}).
     */
    Map<String, Object> view(HandoverStore.Sheet stored, CurrentUser me) {
        HandoverStore.Sheet sheet = HandoverReading.sheet(stored, me);
        List<HandoverStore.Item> items = handovers.items(sheet.id());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", sheet.id());
        m.put("state", sheet.state());
        m.put("version", sheet.version());
        m.put("teamId", sheet.teamId());
        m.put("outgoingId", sheet.outgoingId());
        m.put("incomingId", sheet.incomingId());
        m.put("shiftEndsAt", sheet.shiftEndsAt());
        m.put("outgoingNotes", sheet.outgoingNotes());
        m.put("incomingNotes", sheet.incomingNotes());
        m.put("outgoingSignedAt", sheet.outgoingSignedAt());
        m.put("incomingSignedAt", sheet.incomingSignedAt());
        m.put("textsHidden", !HandoverReading.readsTexts(stored, me));
        m.put("counts", HandoverReading.counts(items));
        m.put("items", HandoverReading.items(stored, items, me));
        return m;
    }

    record Draft(Long incomingId) {
    }

    record Owner(Long newOwnerId) {
    }

    record Owners(List<Long> itemIds, Long newOwnerId) {
    }

    record Signature(Integer version, String notes) {
    }

    record NewNotice(String title, String body, String kind, Long teamId, Instant effectiveAt, Instant untilAt) {
    }
}
