package org.kept.routing.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.kept.customer.CustomerTier;
import org.kept.identity.CurrentUser;
import org.kept.routing.internal.PresenceAdmin;
import org.kept.routing.internal.ReasonCode;
import org.kept.shared.KeptException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Not-ready reason codes and the customer tiers' bounded queue jumps, as rows administrators edit. */
@RestController
@Tag(name = "routing")
@PreAuthorize("hasAuthority('ROUTING_ADMIN')")
class RoutingAdminApi {

    private final PresenceAdmin admin;

    RoutingAdminApi(PresenceAdmin admin) {
        this.admin = admin;
    }

    record ReasonBody(String nameZh, String nameEn, Integer position, Boolean active) {
    }

    record ReasonView(String code, String nameZh, String nameEn, int position, boolean active, boolean inHistory) {
    }

    record JumpBody(Integer jumpSeconds) {
    }

    record TierJump(CustomerTier tier, int jumpSeconds, boolean baseline) {
    }

    @GetMapping("/api/v1/routing/reasons")
    @Operation(summary = "Not-ready reason codes in the agents' order, active or deactivated, and whether the presence "
            + "history names them (then they are never deleted)")
    List<ReasonView> reasons() {
        return admin.reasons().stream().map(this::view).toList();
    }

    @PutMapping("/api/v1/routing/reasons/{code}")
    @Operation(summary = "Add or change a reason code: names in Chinese and English (1-100), order (0-999), active",
            description = "PUT is idempotent: the same body twice leaves one row. \"recovery\" (the break after a flagged "
                    + "contact) stays active.")
    ResponseEntity<ReasonView> putReason(@PathVariable String code, @RequestBody ReasonBody body,
                                         @AuthenticationPrincipal CurrentUser me) {
        boolean creating = code == null || !code.matches("[a-z0-9][a-z0-9_-]{0,39}")
                || admin.reasons().stream().noneMatch(r -> r.code().equals(code));
        ReasonCode saved = admin.saveReason(new ReasonCode(code, body.nameZh(), body.nameEn(),
                body.position() == null ? -1 : body.position(), body.active() == null || body.active()), creating, me);
        return ResponseEntity.status(creating ? 201 : 200).body(view(saved));
    }

    @DeleteMapping("/api/v1/routing/reasons/{code}")
    @Operation(summary = "Delete a reason code nobody's presence ever named (409 when the history names it: deactivate it)")
    ResponseEntity<Void> deleteReason(@PathVariable String code, @AuthenticationPrincipal CurrentUser me) {
        admin.deleteReason(code, me);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/routing/tier-jumps")
    @Operation(summary = "How far each customer tier's work may move ahead in a queue, in seconds (the baseline: 0)")
    List<TierJump> tierJumps() {
        return jumps(admin.tierJumps());
    }

    @PutMapping("/api/v1/routing/tier-jumps/{tier}")
    @Operation(summary = "Set a tier's jump (0-600 seconds); the baseline tier (STANDARD) never jumps")
    List<TierJump> putTierJump(@PathVariable String tier, @RequestBody JumpBody body, @AuthenticationPrincipal CurrentUser me) {
        if (body == null) {
            throw KeptException.invalid("routingadmin.error.jump", PresenceAdmin.MAX_JUMP_SECONDS);
        }
        return jumps(admin.saveTierJump(tier, body.jumpSeconds(), me));
    }

    private ReasonView view(ReasonCode r) {
        return new ReasonView(r.code(), r.nameZh(), r.nameEn(), r.position(), r.active(), admin.inHistory(r.code()));
    }

    private static List<TierJump> jumps(Map<CustomerTier, Integer> jumps) {
        return jumps.entrySet().stream()
                .map(e -> new TierJump(e.getKey(), e.getValue(), e.getKey() == PresenceAdmin.BASELINE)).toList();
    }
}
