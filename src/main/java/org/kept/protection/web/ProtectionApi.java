package org.kept.protection.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kept.identity.CurrentUser;
import org.kept.identity.Permission;
import org.kept.protection.Restrictions;
import org.kept.protection.internal.AbuseReport;
import org.kept.protection.internal.FlagDesk;
import org.kept.protection.internal.Records;
import org.kept.protection.internal.RestrictionDesk;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.IdempotentResponses;
import org.kept.shared.KeptException;
import org.springframework.format.annotation.DateTimeFormat;
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

/** 坐席保护: marking abusive contacts, caller restrictions (two people), appeals, exposure, reports and evidence. */
@RestController
@Tag(name = "protection")
class ProtectionApi {

    private final FlagDesk flags;
    private final RestrictionDesk restrictions;
    private final AbuseReport report;
    private final IdempotentRequests keyed;
    private final Clock clock;

    ProtectionApi(FlagDesk flags, RestrictionDesk restrictions, AbuseReport report, IdempotentRequests keyed, Clock clock) {
        this.flags = flags;
        this.restrictions = restrictions;
        this.report = report;
        this.keyed = keyed;
        this.clock = clock;
    }

    record NewFlag(Long contactId, String level, String note) {
    }

    record FlagAction(String action, String reason) {
    }

    record NewRestriction(Restrictions.IdentityKind kind, String value, Restrictions.Action action, String reason,
                          List<Long> flagIds, OffsetDateTime expiresAt) {
    }

    record Decision(Boolean approve, String note) {
    }

    record NewAppeal(Long restrictionId, String text) {
    }

    record AppealDecision(Boolean lift, String note) {
    }

    record WrittenOnly(Boolean writtenOnly) {
    }

    record EvidenceRequest(Long restrictionId, OffsetDateTime from, OffsetDateTime to, String reason) {
    }

    @GetMapping("/api/v1/protection/levels")
    @PreAuthorize("hasAuthority('PROTECTION_FLAG')")
    @Operation(summary = "The levels a contact is marked with (discontent, aggression, abuse, threat) and what each allows")
    List<Records.Level> levels() {
        return flags.levels();
    }

    @PostMapping("/api/v1/protection/flags")
    @PreAuthorize("hasAuthority('PROTECTION_FLAG')")
    @Operation(summary = "Mark a contact (during or after it) with a level and a note",
            description = "The agent who handled the contact gets the recovery period (AgentNeedsRecovery); at the day's "
                    + "threshold their leads are told. With an Idempotency-Key a retry returns the first flag.")
    ResponseEntity<ProtectionJson.Flag> flag(@RequestBody NewFlag body,
                                             @Parameter(description = "Client-chosen key, up to 100 characters")
                                             @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                             @AuthenticationPrincipal CurrentUser me) {
        if (body.contactId() == null) {
            throw KeptException.invalid("protection.contact.required");
        }
        IdempotentRequests.Outcome made = keyed.once(me.id(), idempotencyKey, "protection.flag", body.toString(),
                () -> flags.flag(body.contactId(), body.level(), body.note(), me).id());
        return IdempotentResponses.created("/api/v1/protection/flags/" + made.id(), made.replayed(),
                ProtectionJson.of(flags.get(made.id())));
    }

    @PostMapping("/api/v1/protection/flags/{id}/actions")
    @PreAuthorize("hasAuthority('PROTECTION_FLAG')")
    @Operation(summary = "WARN: the warning script was played (returns its words); END: the contact ends, with the reason",
            description = "Allowed by the flag's level (409 otherwise). END again returns the flag unchanged.")
    Map<String, Object> act(@PathVariable long id, @RequestBody FlagAction body, @AuthenticationPrincipal CurrentUser me) {
        Map<String, Object> out = new LinkedHashMap<>();
        if ("WARN".equals(body.action())) {
            out.put("script", flags.warn(id, me));
        } else if ("END".equals(body.action())) {
            flags.end(id, body.reason(), me);
        } else {
            throw KeptException.invalid("protection.flagAction.unknown");
        }
        out.put("flag", ProtectionJson.of(flags.get(id)));
        return out;
    }

    @GetMapping("/api/v1/protection/restrictions")
    @PreAuthorize("hasAuthority('PROTECTION_FLAG')")
    @Operation(summary = "Caller restrictions, newest first; identities are always masked (only a keyed hash is stored)")
    List<ProtectionJson.Restriction> list() {
        Instant now = clock.instant();
        return restrictions.list(200).stream().map(r -> ProtectionJson.of(r, restrictions.evidence(r.id()), now)).toList();
    }

    @PostMapping("/api/v1/protection/restrictions")
    @PreAuthorize("hasAuthority('PROTECTION_FLAG')")
    @Operation(summary = "Ask for a restriction on a number, account, email or WeChat identity",
            description = "Needs a reason, the flagged contacts (evidence) and an expiry within the action's maximum. It is "
                    + "PENDING until someone other than the requester approves it. REJECT only on a threat.")
    ResponseEntity<ProtectionJson.Restriction> request(@RequestBody NewRestriction body,
                                                       @Parameter(description = "Client-chosen key, up to 100 characters")
                                                       @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                                       @AuthenticationPrincipal CurrentUser me) {
        IdempotentRequests.Outcome made = keyed.once(me.id(), idempotencyKey, "protection.restriction", body.toString(),
                () -> restrictions.request(new RestrictionDesk.Request(body.kind(), body.value(), body.action(), body.reason(),
                        body.flagIds(), body.expiresAt() == null ? null : body.expiresAt().toInstant()), me).id());
        return IdempotentResponses.created("/api/v1/protection/restrictions/" + made.id(), made.replayed(),
                ProtectionJson.of(restrictions.get(made.id()), restrictions.evidence(made.id()), clock.instant()));
    }

    @PostMapping("/api/v1/protection/restrictions/{id}/decision")
    @PreAuthorize("hasAuthority('PROTECTION_APPROVE')")
    @Operation(summary = "Approve or refuse a pending restriction (never one's own request: 403)")
    ProtectionJson.Restriction decide(@PathVariable long id, @RequestBody Decision body, @AuthenticationPrincipal CurrentUser me) {
        if (body.approve() == null) {
            throw KeptException.invalid("protection.decision.required");
        }
        return ProtectionJson.of(restrictions.decide(id, body.approve(), body.note(), me), restrictions.evidence(id),
                clock.instant());
    }

    @PostMapping("/api/v1/protection/appeals")
    @PreAuthorize("hasAuthority('PORTAL')")
    @Operation(summary = "A portal customer appeals a restriction on them; a lead decides")
    ResponseEntity<ProtectionJson.Appeal> appeal(@RequestBody NewAppeal body, @AuthenticationPrincipal CurrentUser me) {
        if (body.restrictionId() == null) {
            throw KeptException.invalid("protection.appeal.restriction");
        }
        var appeal = restrictions.appealAsCustomer(body.restrictionId(), body.text(), me);
        return ResponseEntity.status(201).body(ProtectionJson.of(appeal));
    }

    @GetMapping("/api/v1/protection/appeals")
    @PreAuthorize("hasAuthority('PROTECTION_APPROVE')")
    @Operation(summary = "Appeals, the open ones (default) or all")
    List<ProtectionJson.Appeal> appeals(@RequestParam(defaultValue = "true") boolean open) {
        return restrictions.appeals(open).stream().map(ProtectionJson::of).toList();
    }

    @PostMapping("/api/v1/protection/appeals/{id}/decision")
    @PreAuthorize("hasAuthority('PROTECTION_APPROVE')")
    @Operation(summary = "A lead decides an appeal: lift the restriction or uphold it, with a note")
    ProtectionJson.Appeal decideAppeal(@PathVariable long id, @RequestBody AppealDecision body,
                                       @AuthenticationPrincipal CurrentUser me) {
        if (body.lift() == null) {
            throw KeptException.invalid("protection.decision.required");
        }
        return ProtectionJson.of(restrictions.decideAppeal(id, body.lift(), body.note(), me));
    }

    @GetMapping("/api/v1/protection/exposure")
    @PreAuthorize("hasAuthority('PROTECTION_FLAG')")
    @Operation(summary = "Flagged contacts of an agent today and this week, recovery and written-channels-only",
            description = "One's own; another agent's needs PROTECTION_APPROVE.")
    Records.Exposure exposure(@RequestParam(required = false) Long agent, @AuthenticationPrincipal CurrentUser me) {
        long who = agent == null ? me.id() : agent;
        if (who != me.id() && !me.can(Permission.PROTECTION_APPROVE)) {
            throw KeptException.forbidden("error.forbidden");
        }
        return flags.exposure(who);
    }

    @PutMapping("/api/v1/protection/agents/{id}/written-only")
    @PreAuthorize("hasAuthority('PROTECTION_APPROVE')")
    @Operation(summary = "A lead moves an agent to written channels only, or back (AgentChannelsChanged)")
    Records.Exposure writtenOnly(@PathVariable long id, @RequestBody WrittenOnly body, @AuthenticationPrincipal CurrentUser me) {
        if (body.writtenOnly() == null) {
            throw KeptException.invalid("protection.decision.required");
        }
        return flags.writtenOnly(id, body.writtenOnly(), me);
    }

    @GetMapping("/api/v1/reports/abuse")
    @PreAuthorize("hasAuthority('REPORT_READ')")
    @Operation(summary = "Abuse by source (channel), level, hour of the day and day, from..to (the centre's days)",
            description = "Default: the last 30 days. Readers without REPORT_ALL_TEAMS get their own team; another is 403.")
    AbuseReport.Report abuse(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                             @RequestParam(required = false) Long team, @AuthenticationPrincipal CurrentUser me) {
        return report.read(me, from, to, team);
    }

    @PostMapping("/api/v1/protection/evidence")
    @PreAuthorize("hasAuthority('PROTECTION_EVIDENCE')")
    @Operation(summary = "The evidence package for a police referral (国办函〔2025〕66号 12345 rules)",
            description = "A restriction's flagged contacts, or those from..to: addresses in full, recordings' URIs, "
                    + "timestamps and notes. The reason is required; each export is audited.")
    Map<String, Object> evidence(@RequestBody EvidenceRequest body, @AuthenticationPrincipal CurrentUser me) {
        var items = restrictions.evidencePackage(body.restrictionId(), body.from() == null ? null : body.from().toInstant(),
                body.to() == null ? null : body.to().toInstant(), body.reason(), me);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("basis", "国办函〔2025〕66号");
        out.put("generatedAt", clock.instant());
        out.put("generatedBy", me.username());
        out.put("reason", body.reason());
        out.put("contacts", items);
        return out;
    }
}
