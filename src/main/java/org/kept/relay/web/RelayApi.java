package org.kept.relay.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kept.identity.CurrentUser;
import org.kept.relay.internal.RelayDesk;
import org.kept.relay.internal.PartyActions;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.IdempotentResponses;
import org.kept.shared.KeptException;
import org.kept.ticket.Tickets;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** 隐私号 and 平台处置: a ticket's counterparties, privacy-number bindings, their calls, and account restrictions. */
@RestController
@Tag(name = "relay")
class RelayApi {

    private final RelayDesk relay;
    private final PartyActions restrictions;
    private final Tickets tickets;
    private final IdempotentRequests keyed;

    RelayApi(RelayDesk relay, PartyActions restrictions, Tickets tickets, IdempotentRequests keyed) {
        this.relay = relay;
        this.restrictions = restrictions;
        this.tickets = tickets;
        this.keyed = keyed;
    }

    @GetMapping("/api/v1/tickets/{id}/relay")
    @PreAuthorize("hasAnyAuthority('RELAY_CALL', 'COUNTERPARTY_RESTRICT')")
    @Operation(summary = "The ticket's counterparties, bindings (numbers masked without PII_VIEW), calls and restrictions")
    Map<String, Object> ofTicket(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        var ticket = tickets.get(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ticketId", id);
        body.put("restrictable", restrictions.restrictable(ticket));
        body.put("counterparties", relay.counterparties(id).stream().map(c -> RelayJson.counterparty(c, me)).toList());
        body.put("bindings", relay.bindings(id).stream().map(b -> RelayJson.binding(b, me)).toList());
        body.put("calls", relay.calls(id).stream().map(RelayJson::call).toList());
        body.put("restrictions", restrictions.restrictions(id).stream().map(r -> RelayJson.restriction(r, me)).toList());
        return body;
    }

    record NewCounterparty(@NotNull String role, @NotNull @Size(max = 100) String accountRef, @Size(max = 100) String name,
                           @Size(max = 40) String phone) {
    }

    @PostMapping("/api/v1/tickets/{id}/counterparties")
    @PreAuthorize("hasAuthority('RELAY_CALL')")
    @Operation(summary = "Name the ticket's counterparty by its platform account (the same account again answers the same one)",
            description = "Without a phone, the platform's account API is asked for it when a call is bound.")
    ResponseEntity<Map<String, Object>> addCounterparty(@PathVariable long id, @Valid @RequestBody NewCounterparty body,
                                                        @AuthenticationPrincipal CurrentUser me) {
        var c = relay.addCounterparty(id, body.role(), body.accountRef(), body.name(), body.phone(), me);
        return ResponseEntity.status(HttpStatus.CREATED).body(RelayJson.counterparty(c, me));
    }

    record NewBinding(@NotNull Long counterpartyId, @NotNull String caller) {
    }

    @PostMapping("/api/v1/tickets/{id}/relay/bindings")
    @PreAuthorize("hasAuthority('RELAY_CALL')")
    @Operation(summary = "Bind a privacy number (AXB): caller AGENT (the centre's line) or CUSTOMER (the ticket's contact phone)",
            description = "A live binding for the same counterparty and caller is answered again; with an Idempotency-Key "
                    + "the same key and body answer the same binding (Idempotent-Replayed: true). 502 when the provider refused.")
    ResponseEntity<Map<String, Object>> bind(@PathVariable long id, @Valid @RequestBody NewBinding body,
                                             @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                             @AuthenticationPrincipal CurrentUser me) {
        var made = keyed.once(me.id(), idempotencyKey, "relay.bind", id + "|" + body,
                () -> relay.bind(id, body.counterpartyId(), body.caller(), me).id());
        return IdempotentResponses.created("/api/v1/tickets/" + id + "/relay", made.replayed(),
                RelayJson.binding(relay.binding(made.id()), me));
    }

    @PostMapping("/api/v1/relay/bindings/{id}/release")
    @PreAuthorize("hasAuthority('RELAY_CALL')")
    @Operation(summary = "Release a binding now (502 when the provider did not answer; the scheduled pass tries again)")
    Map<String, Object> release(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        if (!relay.release(id, me)) {
            throw new KeptException(HttpStatus.BAD_GATEWAY, "relay.provider.refused", "unbind");
        }
        return RelayJson.binding(relay.binding(id), me);
    }

    record Reason(@Size(max = 500) String reason) {
    }

    @PostMapping("/api/v1/relay/bindings/{id}/reveal")
    @PreAuthorize("hasAnyAuthority('PII_REVEAL', 'PII_VIEW')")
    @Operation(summary = "The binding's numbers in full, with a reason; every reveal is audited")
    Map<String, Object> reveal(@PathVariable long id, @RequestBody Reason body, @AuthenticationPrincipal CurrentUser me) {
        var r = relay.reveal(id, body == null ? null : body.reason(), me);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phoneA", r.phoneA());
        m.put("phoneB", r.phoneB());
        m.put("secretNo", r.secretNo());
        return m;
    }

    record NewRestriction(@NotNull Long counterpartyId, @Size(max = 1000) String reason, @NotNull OffsetDateTime until) {
    }

    @PostMapping("/api/v1/tickets/{id}/relay/restrictions")
    @PreAuthorize("hasAuthority('COUNTERPARTY_RESTRICT')")
    @Operation(summary = "Restrict the counterparty's platform account while this serious case is open (reason, until ≤ 90 days)",
            description = "409 when the ticket has ended or its priority is not one the centre counts as serious; an active "
                    + "restriction of the same counterparty is answered again; Idempotency-Key as for bindings.")
    ResponseEntity<Map<String, Object>> restrict(@PathVariable long id, @Valid @RequestBody NewRestriction body,
                                                 @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                                 @AuthenticationPrincipal CurrentUser me) {
        var made = keyed.once(me.id(), idempotencyKey, "relay.restrict", id + "|" + body,
                () -> restrictions.restrict(id, body.counterpartyId(), body.reason(), body.until().toInstant(), me).id());
        return IdempotentResponses.created("/api/v1/tickets/" + id + "/relay", made.replayed(),
                RelayJson.restriction(restrictions.restriction(made.id()), me));
    }

    record Note(@Size(max = 1000) String note) {
    }

    @PostMapping("/api/v1/relay/restrictions/{id}/lift")
    @PreAuthorize("hasAuthority('COUNTERPARTY_RESTRICT')")
    @Operation(summary = "Lift a restriction by hand (502 when the platform did not answer; the scheduled pass tries again)")
    Map<String, Object> lift(@PathVariable long id, @RequestBody(required = false) Note body,
                             @AuthenticationPrincipal CurrentUser me) {
        if (!restrictions.lift(id, body == null ? null : body.note(), me)) {
            throw new KeptException(HttpStatus.BAD_GATEWAY, "relay.platform.refused", "lift");
        }
        return RelayJson.restriction(restrictions.restriction(id), me);
    }
}
