package org.kept.authority.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.kept.authority.internal.ActionKind;
import org.kept.authority.internal.AuthorityReport;
import org.kept.authority.internal.ExceptionRequest;
import org.kept.authority.internal.GrantDesk;
import org.kept.authority.internal.Level;
import org.kept.authority.internal.LimitDesk;
import org.kept.identity.CurrentUser;
import org.kept.identity.ReportScope;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.KeptException;
import org.kept.shared.Money;
import org.springframework.http.HttpStatus;
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

/** 授权 and 特例申请: grants on tickets, exception requests and their decisions, limits, and the report of amounts granted. */
@RestController
@Tag(name = "authority")
class AuthorityApi {

    private final GrantDesk desk;
    private final LimitDesk limits;
    private final AuthorityReport report;
    private final IdempotentRequests idempotency;

    AuthorityApi(GrantDesk desk, LimitDesk limits, AuthorityReport report, IdempotentRequests idempotency) {
        this.desk = desk;
        this.limits = limits;
        this.report = report;
        this.idempotency = idempotency;
    }

    /** {@code amount} in the currency's units as a decimal ("12.50"); evidence is needed above the limit. */
    record NewGrant(@NotBlank String action, @NotBlank String amount, String currency, @NotBlank @Size(max = 1000) String reason,
                    @Size(max = 4000) String evidence) {
    }

    record Decide(@NotNull GrantDesk.Decision decision, @Size(max = 1000) String comment) {
    }

    record Withdraw(@Size(max = 1000) String reason) {
    }

    /** Amounts in minor units (分); a null daily or 30-day maximum is no cap. Either {@code role} or {@code userId}. */
    record LimitBody(String role, Long userId, @NotBlank String action, @NotBlank String currency, @NotNull Long perCase,
                     Long perDay, Long perCustomer30d) {
    }

    record ActionBody(@NotBlank String nameZh, @NotBlank String nameEn, Integer position, Boolean active) {
    }

    @PostMapping("/api/v1/tickets/{id}/grants")
    @PreAuthorize("hasAuthority('AUTHORITY_GRANT')")
    @Operation(summary = "Grant an action with an amount on a ticket; above the caller's limit it becomes an exception request",
            description = "Within every limit (per case, the agent's day, the customer's 30 days) it is granted at once "
                    + "(201, outcome GRANTED); above one, with evidence, it is filed as an exception request along the "
                    + "approval chain (202, outcome REQUESTED); without evidence 422. Honours Idempotency-Key.")
    ResponseEntity<AuthorityJson.OutcomeJson> grant(@PathVariable long id, @Valid @RequestBody NewGrant body,
                                                    @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                                    @AuthenticationPrincipal CurrentUser me) {
        Money amount = money(body.amount(), body.currency());
        var form = new GrantDesk.GrantForm(body.action(), amount, body.reason(), body.evidence());
        // a grant's id is remembered as itself, a request's as its negative: one key, one outcome of either kind
        var outcome = idempotency.once(me.id(), key, "authority.grant", id + "|" + AuthorityJsonText.of(body), () -> {
            var o = desk.grantOrRequest(id, form, me);
            return o.grant() != null ? o.grant().id() : -o.request().id();
        });
        return outcome(outcome.id(), me);
    }

    private ResponseEntity<AuthorityJson.OutcomeJson> outcome(long id, CurrentUser me) {
        if (id > 0) {
            var g = desk.grant(id);
            return ResponseEntity.created(URI.create("/api/v1/tickets/" + g.ticketId() + "/grants"))
                    .body(new AuthorityJson.OutcomeJson("GRANTED", AuthorityJson.of(g, me), null));
        }
        ExceptionRequest r = desk.request(-id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/v1/authority/requests/" + r.id()))
                .body(new AuthorityJson.OutcomeJson("REQUESTED", null, AuthorityJson.of(r, me)));
    }

    @GetMapping("/api/v1/tickets/{id}/grants")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    @Operation(summary = "What was granted on a ticket, and its exception requests with their chains")
    Map<String, Object> ofTicket(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        return Map.of("grants", desk.grantsOfTicket(id).stream().map(g -> AuthorityJson.of(g, me)).toList(),
                "requests", desk.requestsOfTicket(id).stream().map(r -> AuthorityJson.of(r, me)).toList());
    }

    @GetMapping("/api/v1/authority/requests")
    @PreAuthorize("hasAnyAuthority('AUTHORITY_GRANT', 'AUTHORITY_APPROVE')")
    @Operation(summary = "Exception requests waiting for my decision, and my own requests")
    Map<String, Object> requests(@AuthenticationPrincipal CurrentUser me) {
        return Map.of("waiting", desk.waitingFor(me).stream().map(r -> AuthorityJson.of(r, me)).toList(),
                "mine", desk.requestsOf(me).stream().map(r -> AuthorityJson.of(r, me)).toList());
    }

    @GetMapping("/api/v1/authority/requests/{id}")
    @PreAuthorize("hasAnyAuthority('AUTHORITY_GRANT', 'AUTHORITY_APPROVE')")
    @Operation(summary = "One exception request with its chain (its requester, its approvers and managers only)")
    AuthorityJson.RequestJson request(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        return AuthorityJson.of(visible(id, me), me);
    }

    @PostMapping("/api/v1/authority/requests/{id}/decisions")
    @PreAuthorize("hasAuthority('AUTHORITY_APPROVE')")
    @Operation(summary = "Approve or reject the request's current step with a comment",
            description = "Only an approver of the current level, never the requester (403). Any rejection ends the "
                    + "request; the last approval makes the grant. The same decision again returns the request as it is; "
                    + "honours Idempotency-Key.")
    AuthorityJson.RequestJson decide(@PathVariable long id, @Valid @RequestBody Decide body,
                                     @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                     @AuthenticationPrincipal CurrentUser me) {
        idempotency.once(me.id(), key, "authority.decide", id + "|" + body.decision() + "|" + body.comment(),
                () -> desk.decide(id, body.decision(), body.comment(), me).id());
        return AuthorityJson.of(desk.request(id), me);
    }

    @PostMapping("/api/v1/authority/requests/{id}/withdrawal")
    @PreAuthorize("hasAuthority('AUTHORITY_GRANT')")
    @Operation(summary = "Withdraw one's own pending request (a request is never edited: withdraw it and file a new one)",
            description = "Only the requester. Withdrawing a withdrawn request returns it as it is; honours Idempotency-Key.")
    AuthorityJson.RequestJson withdraw(@PathVariable long id, @Valid @RequestBody Withdraw body,
                                       @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                       @AuthenticationPrincipal CurrentUser me) {
        idempotency.once(me.id(), key, "authority.withdraw", id + "|" + body.reason(),
                () -> desk.withdraw(id, body.reason(), me).id());
        return AuthorityJson.of(desk.request(id), me);
    }

    @GetMapping("/api/v1/authority/my-limits")
    @PreAuthorize("hasAuthority('AUTHORITY_GRANT')")
    @Operation(summary = "The limits that apply to me (my own, else my role's), per action and currency")
    List<AuthorityJson.LimitJson> myLimits(@AuthenticationPrincipal CurrentUser me) {
        return limits.effectiveAll(me.id(), me.role()).stream().map(AuthorityJson::of).toList();
    }

    @GetMapping("/api/v1/authority/limits")
    @PreAuthorize("hasAuthority('AUTHORITY_ADMIN')")
    @Operation(summary = "Every limit, per role and per person")
    List<AuthorityJson.LimitJson> limits() {
        return limits.limits().stream().map(AuthorityJson::of).toList();
    }

    @PutMapping("/api/v1/authority/limits")
    @PreAuthorize("hasAuthority('AUTHORITY_ADMIN')")
    @Operation(summary = "Set a role's or a person's limit for an action and currency (amounts in minor units)",
            description = "Naturally idempotent: the same body sets the same limit.")
    AuthorityJson.LimitJson saveLimit(@Valid @RequestBody LimitBody body, @AuthenticationPrincipal CurrentUser me) {
        return AuthorityJson.of(limits.save(new LimitDesk.LimitForm(body.role(), body.userId(), body.action(),
                body.currency(), body.perCase(), body.perDay(), body.perCustomer30d()), me));
    }

    @DeleteMapping("/api/v1/authority/limits/{id}")
    @PreAuthorize("hasAuthority('AUTHORITY_ADMIN')")
    @Operation(summary = "Remove a limit (a person falls back to their role's; a role without one grants nothing at once)")
    ResponseEntity<Void> deleteLimit(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        limits.delete(id, me);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/authority/actions")
    @PreAuthorize("hasAnyAuthority('AUTHORITY_GRANT', 'AUTHORITY_APPROVE', 'AUTHORITY_ADMIN')")
    @Operation(summary = "The kinds of action limits name (rows an administrator edits)")
    List<ActionKind> actions() {
        return limits.actions();
    }

    @PutMapping("/api/v1/authority/actions/{code}")
    @PreAuthorize("hasAuthority('AUTHORITY_ADMIN')")
    @Operation(summary = "Add or change a kind of action")
    ActionKind saveAction(@PathVariable String code, @Valid @RequestBody ActionBody body, @AuthenticationPrincipal CurrentUser me) {
        return limits.saveAction(new ActionKind(code, body.nameZh(), body.nameEn(),
                body.position() == null ? 100 : body.position(), body.active() == null || body.active()), me);
    }

    @GetMapping("/api/v1/authority/levels")
    @PreAuthorize("hasAuthority('AUTHORITY_ADMIN')")
    @Operation(summary = "The approval ladder: levels in order, each a role (of the requester's team when sameTeam)")
    List<Level> levels() {
        return limits.ladder();
    }

    @PutMapping("/api/v1/authority/levels")
    @PreAuthorize("hasAuthority('AUTHORITY_ADMIN')")
    @Operation(summary = "Replace the approval ladder (requests already filed keep the chain they were given)")
    List<Level> saveLevels(@RequestBody List<Level> body, @AuthenticationPrincipal CurrentUser me) {
        return limits.replaceLadder(body, me);
    }

    @GetMapping("/api/v1/reports/authority")
    @PreAuthorize("hasAuthority('REPORT_READ')")
    @Operation(summary = "Amounts granted per agent, team, action and reason in a period (default the last 30 days)")
    AuthorityReport.Report reportApi(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                     @RequestParam(required = false) Long team, @AuthenticationPrincipal CurrentUser me) {
        return report.report(from, to, ReportScope.of(me, team), me);
    }

    private ExceptionRequest visible(long id, CurrentUser me) {
        ExceptionRequest r = desk.request(id);
        if (!GrantDesk.maySee(r, me)) {
            throw KeptException.forbidden("authority.notYours");
        }
        return r;
    }

    static Money money(String amount, String currency) {
        try {
            return Money.parse(amount, currency == null || currency.isBlank() ? "CNY" : currency);
        } catch (IllegalArgumentException e) {
            throw KeptException.invalid(List.of(new KeptException.Field("amount", "authority.amount.invalid")));
        }
    }
}
