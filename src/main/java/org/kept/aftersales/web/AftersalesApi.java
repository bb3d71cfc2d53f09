package org.kept.aftersales.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.kept.aftersales.internal.AftersalesCase;
import org.kept.aftersales.internal.CaseDesk;
import org.kept.aftersales.internal.OrderDesk;
import org.kept.aftersales.internal.OrderDocument;
import org.kept.aftersales.internal.Pickup;
import org.kept.aftersales.internal.RefundDesk;
import org.kept.identity.CurrentUser;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.IdempotentResponses;
import org.kept.shared.KeptException;
import org.kept.shared.Money;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 订单售后: orders, after-sales cases, pickups and refunds. */
@RestController
@Tag(name = "aftersales")
class AftersalesApi {

    private final OrderDesk orders;
    private final CaseDesk cases;
    private final RefundDesk refunds;
    private final IdempotentRequests keyed;
    private final Clock clock;

    AftersalesApi(OrderDesk orders, CaseDesk cases, RefundDesk refunds, IdempotentRequests keyed, Clock clock) {
        this.orders = orders;
        this.cases = cases;
        this.refunds = refunds;
        this.keyed = keyed;
        this.clock = clock;
    }

    @PostMapping("/api/v1/orders")
    @PreAuthorize("hasAuthority('ORDER_WRITE')")
    @Operation(summary = "The order system pushes an order (created 201, or 200 for one Kept has)",
            description = "Idempotent by order number and content: the same document again changes nothing; a changed one "
                    + "updates the order (refunded amounts stay; a line's paid amount below its refunds is 409).")
    ResponseEntity<Map<String, Object>> push(@Valid @RequestBody OrderDocument order, @AuthenticationPrincipal CurrentUser me) {
        OrderDesk.Pushed pushed = orders.push(order);
        return ResponseEntity.status(pushed.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/orders/" + pushed.id()))
                .body(AftersalesJson.order(orders.get(pushed.id()), cases, me));
    }

    @GetMapping("/api/v1/orders")
    @PreAuthorize("hasAuthority('ORDER_READ')")
    @Operation(summary = "Orders by number or by Kept customer (asked of the order system first when it has a lookup API)")
    List<Map<String, Object>> find(@RequestParam(required = false) String number, @RequestParam(required = false) Long customer,
                                   @AuthenticationPrincipal CurrentUser me) {
        if (number != null && !number.isBlank()) {
            return orders.byNumber(number.trim()).map(o -> List.of(AftersalesJson.order(o, cases, me))).orElse(List.of());
        }
        if (customer != null) {
            return orders.ofCustomer(customer).stream().map(o -> AftersalesJson.order(o, cases, me)).toList();
        }
        throw KeptException.invalid("order.lookup.what");
    }

    @GetMapping("/api/v1/orders/{id}")
    @PreAuthorize("hasAuthority('ORDER_READ')")
    @Operation(summary = "An order with its lines (and their 7-day return windows), payments, shipments, cases and refunds")
    Map<String, Object> order(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        var o = orders.get(id);
        Map<String, Object> body = new java.util.LinkedHashMap<>(AftersalesJson.order(o, cases, me));
        var now = clock.instant();
        body.put("cases", cases.ofOrder(id).stream().map(c -> AftersalesJson.aCase(c, refunds.ofCase(c.id()), now)).toList());
        body.put("refunds", refunds.ofOrder(id).stream().map(AftersalesJson::refund).toList());
        return body;
    }

    record NewCase(Long ticketId, @NotNull Long orderId, @NotNull AftersalesCase.Kind kind, List<Long> lineIds,
                   @Size(max = 1000) String reason) {
    }

    @PostMapping("/api/v1/aftersales/cases")
    @PreAuthorize("hasAuthority('AFTERSALES_WRITE')")
    @Operation(summary = "Open an after-sales case on a ticket for some order lines: RETURN, EXCHANGE, REFUND_ONLY, REPAIR, DUPLICATE_ORDER",
            description = "With an Idempotency-Key the same key and body return the same case (200, Idempotent-Replayed: true).")
    ResponseEntity<Map<String, Object>> open(@Valid @RequestBody NewCase body,
                                             @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                             @AuthenticationPrincipal CurrentUser me) {
        var made = keyed.once(me.id(), idempotencyKey, "aftersales.case", body.toString(),
                () -> cases.open(new CaseDesk.NewCase(body.ticketId(), body.orderId(), body.kind(), body.lineIds(),
                        body.reason()), me));
        return IdempotentResponses.created("/api/v1/aftersales/cases/" + made.id(), made.replayed(), caseJson(made.id()));
    }

    @GetMapping("/api/v1/aftersales/cases/{id}")
    @PreAuthorize("hasAuthority('ORDER_READ')")
    @Operation(summary = "A case with its refunds, the refund's due date and whether it is overdue")
    Map<String, Object> getCase(@PathVariable long id) {
        return caseJson(id);
    }

    record Version(@NotNull Integer version) {
    }

    @PostMapping("/api/v1/aftersales/cases/{id}/return-received")
    @PreAuthorize("hasAuthority('AFTERSALES_WRITE')")
    @Operation(summary = "The returned goods arrived: the refund is due within 7 days (消费者权益保护法 Art. 25)")
    Map<String, Object> returnReceived(@PathVariable long id, @Valid @RequestBody Version body,
                                       @AuthenticationPrincipal CurrentUser me) {
        cases.returnReceived(id, body.version(), me);
        return caseJson(id);
    }

    record Closing(@NotNull Integer version, @Size(max = 1000) String note) {
    }

    @PostMapping("/api/v1/aftersales/cases/{id}/close")
    @PreAuthorize("hasAuthority('AFTERSALES_WRITE')")
    @Operation(summary = "Close a case (with the version read); 409 while one of its refunds has not ended",
            description = "Closing a closed case answers it as it is; the close is on the ticket's timeline and in the audit log.")
    Map<String, Object> close(@PathVariable long id, @Valid @RequestBody Closing body, @AuthenticationPrincipal CurrentUser me) {
        cases.close(id, body.version(), body.note(), me);
        return caseJson(id);
    }

    record NewPickup(@NotNull OffsetDateTime windowStart) {
    }

    @PostMapping("/api/v1/aftersales/cases/{id}/pickup")
    @PreAuthorize("hasAuthority('AFTERSALES_WRITE')")
    @Operation(summary = "Schedule the return's pickup: once per case; asking again answers the one scheduled (200)")
    ResponseEntity<Map<String, Object>> pickup(@PathVariable long id, @Valid @RequestBody NewPickup body,
                                               @AuthenticationPrincipal CurrentUser me) {
        var scheduled = cases.schedulePickup(id, body.windowStart().toInstant(), me);
        var p = scheduled.pickup();
        Map<String, Object> json = Map.of("id", p.id(), "caseId", p.caseId(), "windowStart", p.windowStart(), "state", p.state(),
                "address", String.valueOf(AftersalesJson.address(p.address(), me)),
                "phone", String.valueOf(AftersalesJson.phone(p.phone(), me)));
        return ResponseEntity.status(scheduled.created() ? HttpStatus.CREATED : HttpStatus.OK).body(json);
    }

    record NewRefund(@NotNull Long lineId, @NotBlank String amount, String currency, Long paymentId, Long caseId,
                     @Size(max = 200) String reason, Long ticketId, @Size(max = 4000) String evidence, Boolean goodwill) {
    }

    @PostMapping("/api/v1/refunds")
    @PreAuthorize("hasAuthority('REFUND_WRITE')")
    @Operation(summary = "Refund an amount of an order line, exactly once",
            description = "The refund row is made (REQUESTED) before the provider is asked, with our refund number as the "
                    + "provider's idempotency key (out_refund_no / out_request_no). With an Idempotency-Key a retry returns "
                    + "the same refund (200, Idempotent-Replayed: true); for a case, an open refund of the same line is "
                    + "returned (200) instead of a second; more than the line's paid amount left is 409. The refund is "
                    + "asked on a ticket (ticketId, or the case's) and counted against the agent's authority limits "
                    + "(action REFUND, or COMPENSATION for a goodwill refund): within them it is submitted at once; above "
                    + "them (evidence required) it is AWAITING_APPROVAL with an exception request (authorityRequestId) and "
                    + "is submitted only when that is approved, CLOSED when it is rejected, withdrawn or expires.")
    ResponseEntity<Map<String, Object>> refund(@Valid @RequestBody NewRefund body,
                                               @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                               @AuthenticationPrincipal CurrentUser me) {
        String currency = body.currency() == null || body.currency().isBlank() ? "CNY" : body.currency();
        Money amount;
        try {
            amount = Money.parse(body.amount(), currency);
        } catch (IllegalArgumentException e) {
            throw KeptException.invalid("refund.amount.invalid", body.amount());
        }
        boolean[] created = {false};
        IdempotentRequests.Outcome made;
        try {
            made = keyed.once(me.id(), idempotencyKey, "aftersales.refund", body.toString(), () -> {
                var r = refunds.create(new RefundDesk.RefundRequest(body.lineId(), amount, body.paymentId(), body.caseId(),
                        body.reason(), body.ticketId(), body.evidence(), Boolean.TRUE.equals(body.goodwill())), me);
                created[0] = r.created();
                return r.id();
            });
        } catch (KeptException refused) {
            // a racing request with the same key took the amount first (we waited for its row lock): answer with its refund
            if (idempotencyKey == null || idempotencyKey.isBlank()) {
                throw refused;
            }
            made = keyed.replay(me.id(), idempotencyKey, "aftersales.refund", body.toString()).orElseThrow(() -> refused);
        }
        if (created[0] && !made.replayed()) {
            refunds.submit(made.id());
        }
        return IdempotentResponses.created("/api/v1/refunds/" + made.id(), made.replayed() || !created[0],
                AftersalesJson.refund(refunds.get(made.id())));
    }

    @GetMapping("/api/v1/refunds/{id}")
    @PreAuthorize("hasAuthority('ORDER_READ')")
    @Operation(summary = "A refund and where it stands")
    Map<String, Object> getRefund(@PathVariable long id) {
        return AftersalesJson.refund(refunds.get(id));
    }

    private Map<String, Object> caseJson(long id) {
        return AftersalesJson.aCase(cases.get(id), refunds.ofCase(id), clock.instant());
    }
}
