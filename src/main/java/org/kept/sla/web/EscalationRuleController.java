package org.kept.sla.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.kept.customer.CustomerTier;
import org.kept.identity.CurrentUser;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.IdempotentResponses;
import org.kept.shared.KeptException;
import org.kept.sla.internal.EscalationAdmin;
import org.kept.sla.internal.EscalationRule;
import org.kept.sla.internal.EscalationTiers;
import org.kept.ticket.Priority;
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

/** Escalation rules (condition + action, first match wins) and the escalation ladder, for administrators. */
@RestController
@Tag(name = "sla")
class EscalationRuleController {

    private final EscalationAdmin admin;

    EscalationRuleController(EscalationAdmin admin) {
        this.admin = admin;
    }

    /** A rule as the API shows it: one optional field per kind of condition, and the tier it escalates to. */
    record RuleJson(long id, String name, int position, boolean enabled, List<String> keywords, Priority priority,
                    Integer minContacts, String category, CustomerTier customerTier, int tier, int version) {
        static RuleJson of(EscalationRule r) {
            return new RuleJson(r.id(), r.name(), r.position(), r.enabled(), r.keywords(), r.priority(), r.minContacts(),
                    r.category(), r.customerTier(), r.tier(), r.version());
        }
    }

    @GetMapping("/api/v1/sla/escalation-rules")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    @Operation(summary = "Escalation rules in the order they are tried (the first that holds wins)")
    List<RuleJson> list() {
        return admin.rules().stream().map(RuleJson::of).toList();
    }

    @GetMapping("/api/v1/sla/escalation-rules/{id}")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    @Operation(summary = "One escalation rule")
    RuleJson one(@PathVariable long id) {
        return RuleJson.of(admin.rule(id));
    }

    @PostMapping("/api/v1/sla/escalation-rules")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    @Operation(summary = "Create an escalation rule",
            description = "All conditions given must hold: keywords (the subject or description contains any), priority, "
                    + "minContacts (contacted at least this often), category, customerTier. The action escalates to the "
                    + "tier (a level of the ladder above 0). Honours Idempotency-Key (200 on replay).")
    ResponseEntity<RuleJson> create(@Valid @RequestBody SlaRequests.RuleBody body,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                    @AuthenticationPrincipal CurrentUser me) {
        IdempotentRequests.Outcome made = admin.create(body.rule(), me, key);
        return IdempotentResponses.created("/api/v1/sla/escalation-rules/" + made.id(), made.replayed(),
                RuleJson.of(admin.rule(made.id())));
    }

    @PutMapping("/api/v1/sla/escalation-rules/{id}")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    @Operation(summary = "Change an escalation rule; version must be the one you read (409 otherwise)")
    RuleJson update(@PathVariable long id, @Valid @RequestBody SlaRequests.RuleBody body,
                    @AuthenticationPrincipal CurrentUser me) {
        if (body.version() == null) {
            throw KeptException.invalid("sla.policy.version");
        }
        return RuleJson.of(admin.update(id, body.rule(), body.version(), me));
    }

    @DeleteMapping("/api/v1/sla/escalation-rules/{id}")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    @Operation(summary = "Delete an escalation rule; version must be the one you read (409 otherwise)")
    ResponseEntity<Void> delete(@PathVariable long id, @RequestParam int version, @AuthenticationPrincipal CurrentUser me) {
        admin.delete(id, version, me);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/sla/escalation-tiers")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    @Operation(summary = "The escalation ladder: level 0 (whoever holds the ticket) and who takes it at each level above")
    EscalationTiers tiers() {
        return admin.tiers();
    }

    @PutMapping("/api/v1/sla/escalation-tiers")
    @PreAuthorize("hasAuthority('SLA_ADMIN')")
    @Operation(summary = "Replace the escalation ladder; version must be the one you read (409 otherwise)",
            description = "Levels 0, 1, 2 … in order; level 0 holder AGENT, each level above TEAM_LEAD (a lead of the "
                    + "ticket's own team) or TEAM (teamId). A level a rule escalates to cannot be removed.")
    EscalationTiers replaceTiers(@Valid @RequestBody SlaRequests.TiersBody body, @AuthenticationPrincipal CurrentUser me) {
        return admin.replaceTiers(body.tiers(), body.version(), me);
    }
}
