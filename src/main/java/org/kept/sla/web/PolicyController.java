package org.kept.sla.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.IdempotentResponses;
import org.kept.shared.KeptException;
import org.kept.sla.internal.Policy;
import org.kept.sla.internal.PolicyAdmin;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** SLA policies for administrators: ordered, first match wins, a policy without a condition is the fallback. */
@RestController
@Tag(name = "sla")
class PolicyController {

    private final PolicyAdmin admin;

    PolicyController(PolicyAdmin admin) {
        this.admin = admin;
    }

    @GetMapping("/api/v1/sla/policies")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    @Operation(summary = "SLA policies in the order they are matched")
    List<Policy> list() {
        return admin.list();
    }

    @GetMapping("/api/v1/sla/policies/{id}")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    @Operation(summary = "One SLA policy")
    Policy one(@PathVariable long id) {
        return admin.get(id);
    }

    @PostMapping("/api/v1/sla/policies")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    @Operation(summary = "Create an SLA policy",
            description = "Targets in working minutes of the calendar (none: round the clock). A customer tier condition "
                    + "can only tighten what the same ticket gets without it. Honours Idempotency-Key (200 on replay).")
    ResponseEntity<Policy> create(@Valid @RequestBody SlaRequests.PolicyBody body,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                  @AuthenticationPrincipal CurrentUser me) {
        IdempotentRequests.Outcome made = admin.create(body.policy(), me, key);
        return IdempotentResponses.created("/api/v1/sla/policies/" + made.id(), made.replayed(), admin.get(made.id()));
    }

    @PutMapping("/api/v1/sla/policies/{id}")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    @Operation(summary = "Change an SLA policy; version must be the one you read (409 otherwise)")
    Policy update(@PathVariable long id, @Valid @RequestBody SlaRequests.PolicyBody body,
                  @AuthenticationPrincipal CurrentUser me) {
        if (body.version() == null) {
            throw KeptException.invalid("sla.policy.version");
        }
        return admin.update(id, body.policy(), body.version(), me);
    }

    @DeleteMapping("/api/v1/sla/policies/{id}")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    @Operation(summary = "Delete an SLA policy; the last fallback cannot be deleted")
    ResponseEntity<Void> delete(@PathVariable long id, @RequestParam int version, @AuthenticationPrincipal CurrentUser me) {
        admin.delete(id, version, me);
        return ResponseEntity.noContent().build();
    }
}
