package org.kept.aftersales.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kept.identity.CurrentUser;
import org.kept.shared.CentreZone;
import org.kept.shared.KeptException;
import org.kept.ticket.Tickets;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** After-sales cases: open one on a ticket for some order lines, receive the return, schedule its one pickup. */
@Component
public class CaseDesk {

    private final CaseStore store;
    private final OrderDesk orders;
    private final Tickets tickets;
    private final Clock clock;
    private final CentreZone zone;
    private final TransactionTemplate tx;
    private final AftersalesTrail trail;
    private final RefundStore refunds;

    CaseDesk(CaseStore store, OrderDesk orders, Tickets tickets, Clock clock, CentreZone zone,
             PlatformTransactionManager transactions, AftersalesTrail trail, RefundStore refunds) {
        this.trail = trail;
        this.refunds = refunds;
        this.store = store;
        this.orders = orders;
        this.tickets = tickets;
        this.clock = clock;
        this.zone = zone;
        this.tx = new TransactionTemplate(transactions);
    }

    public record NewCase(Long ticketId, long orderId, AftersalesCase.Kind kind, List<Long> lineIds, String reason) {
    }

    /** Opens a case in the caller's transaction; the lines must be the order's. */
    public long open(NewCase c, CurrentUser by) {
        if (c.ticketId() != null) {
            tickets.get(c.ticketId());
        }
        OrderView order = orders.get(c.orderId());
        List<Long> lines = c.lineIds() == null ? List.of() : c.lineIds();
        if (lines.isEmpty() && c.kind() != AftersalesCase.Kind.DUPLICATE_ORDER) {
            throw KeptException.invalid("case.lines.none");
        }
        lines.forEach(order::line);
        long id = store.insert(c.ticketId(), order.id(), order.orderNo(), c.kind(), c.reason(), null,
                by == null ? null : by.id(), clock.instant());
        for (long line : lines.stream().distinct().toList()) {
            store.addLine(id, line, order.line(line).quantity());
        }
        trail.aCase(id, c.ticketId(), c.kind(), order.orderNo(), AftersalesCase.State.OPEN, c.reason(), by);
        return id;
    }

    /**
     * A second payment on one order, found by a bill: one DUPLICATE_ORDER case per duplicate transaction however often
     * the bill is reconciled (the transaction is unique on the case table).
     */
    long openDuplicate(String orderNo, String duplicateTxn) {
        Optional<Long> earlier = store.byDuplicate(duplicateTxn);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Long orderId = orders.byNumberLocal(orderNo).map(OrderView::id).orElse(null);
        try {
            return tx.execute(s -> {
                long id = store.insert(null, orderId, orderNo, AftersalesCase.Kind.DUPLICATE_ORDER,
                        "duplicate payment " + duplicateTxn, duplicateTxn, null, clock.instant());
                trail.aCase(id, null, AftersalesCase.Kind.DUPLICATE_ORDER, orderNo, AftersalesCase.State.OPEN,
                        "duplicate payment " + duplicateTxn, null);
                return id;
            });
        } catch (DuplicateKeyException raced) {
            return store.byDuplicate(duplicateTxn).orElseThrow(() -> raced);
        }
    }

    /** The returned goods arrived: the refund is due within seven days of now. */
    public AftersalesCase returnReceived(long id, int version, CurrentUser by) {
        AftersalesCase c = get(id);
        if (c.kind() != AftersalesCase.Kind.RETURN && c.kind() != AftersalesCase.Kind.EXCHANGE) {
            throw KeptException.invalid("case.notReturn", id);
        }
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            if (!store.returnReceived(id, version, now, ReturnWindow.refundDue(now))) {
                throw KeptException.conflict("case.changed", id);
            }
            trail.aCase(id, c.ticketId(), c.kind(), c.orderNo(), AftersalesCase.State.RETURN_RECEIVED, null, by);
        });
        return get(id);
    }

    /**
     * Closes a case (the version the agent saw, so two closings are one); refused while one of its refunds has not
     * ended, so no refund outlives the case it settles.
     */
    public AftersalesCase close(long id, int version, String note, CurrentUser by) {
        AftersalesCase c = get(id);
        if (c.state() == AftersalesCase.State.CLOSED) {
            return c;
        }
        if (note != null && note.length() > 1000) {
            throw KeptException.invalid(List.of(new KeptException.Field("note", "case.note.tooLong")));
        }
        tx.executeWithoutResult(s -> {
            if (refunds.unsettledOfCase(id)) {
                throw KeptException.conflict("case.refundOpen", id);
            }
            if (!store.close(id, version)) {
                throw KeptException.conflict("case.changed", id);
            }
            trail.aCase(id, c.ticketId(), c.kind(), c.orderNo(), AftersalesCase.State.CLOSED,
                    note == null ? null : note.strip(), by);
        });
        return get(id);
    }

    /** The pickup, and whether this request scheduled it (false: it was scheduled before, or by a racing request). */
    public record Scheduled(Pickup pickup, boolean created) {
    }

    /** Schedules the return's pickup once: asking again answers the pickup already scheduled. */
    public Scheduled schedulePickup(long caseId, Instant windowStart, CurrentUser by) {
        AftersalesCase c = get(caseId);
        if (c.kind() != AftersalesCase.Kind.RETURN && c.kind() != AftersalesCase.Kind.EXCHANGE
                && c.kind() != AftersalesCase.Kind.REPAIR) {
            throw KeptException.invalid("case.notReturn", caseId);
        }
        OrderView order = orders.get(c.orderId());
        boolean created;
        try {
            created = Boolean.TRUE.equals(tx.execute(s -> {
                boolean made = store.insertPickup(caseId, order.receiverAddress(), order.receiverPhone(), windowStart,
                        by == null ? null : by.id(), clock.instant());
                if (made) {
                    trail.pickup(store.pickup(caseId).orElseThrow(), c.ticketId(), by);
                }
                return made;
            }));
        } catch (DuplicateKeyException raced) {
            created = false;
        }
        return new Scheduled(store.pickup(caseId).orElseThrow(), created);
    }

    public Optional<Pickup> pickup(long caseId) {
        return store.pickup(caseId);
    }

    public AftersalesCase get(long id) {
        return store.get(id).orElseThrow(() -> KeptException.notFound("case", id));
    }

    public List<AftersalesCase> ofTicket(long ticketId) {
        return store.ofTicket(ticketId);
    }

    public List<AftersalesCase> ofOrder(long orderId) {
        return store.ofOrder(orderId);
    }

    /** The seven-day window of one line, as the agent sees it. */
    public ReturnWindow window(OrderView order, OrderView.Line line) {
        return ReturnWindow.of(order.receivedAt(line), line.category(), store.exemptCategories(), clock.instant(),
                zone.zone());
    }

    public java.time.ZoneId zone() {
        return zone.zone();
    }
}
