package org.kept.aftersales.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.kept.customer.Customers;
import org.kept.shared.KeptException;
import org.kept.shared.Money;
import org.kept.shared.Sha256;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Orders: pushed by the order system (idempotent by order number and content) or looked up through its API. */
@Component
public class OrderDesk {

    /** Orders shown beside a ticket. */
    public static final int SHOWN = 10;

    private final OrderStore store;
    private final OrderSystemClient orderSystem;
    private final Customers customers;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate tx;

    OrderDesk(OrderStore store, OrderSystemClient orderSystem, Customers customers, JsonMapper json, Clock clock,
              PlatformTransactionManager transactions) {
        this.store = store;
        this.orderSystem = orderSystem;
        this.customers = customers;
        this.json = json;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** What a push did: the order's id, and whether it was new, changed, or the same document again. */
    public record Pushed(long id, boolean created, boolean changed) {
    }

    /**
     * Takes an order document: the same document again changes nothing; a changed one updates the order (what was
     * refunded stays, and a line's paid amount cannot drop below it). Racing pushes of one new order make one row.
     */
    public Pushed push(OrderDocument d) {
        return save(d, "PUSHED");
    }

    Pushed save(OrderDocument d, String source) {
        String hash = Sha256.hex(json.writeValueAsString(d));
        Long customerId = customerOf(d);
        try {
            return tx.execute(s -> write(d, source, hash, customerId));
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            return tx.execute(s -> write(d, source, hash, customerId));
        }
    }

    private Pushed write(OrderDocument d, String source, String hash, Long customerId) {
        var now = clock.instant();
        var head = store.head(d.orderNo());
        if (head.isPresent() && head.get().hash().equals(hash)) {
            return new Pushed(head.get().id(), false, false);
        }
        long id = head.map(OrderStore.Head::id).orElseGet(() -> store.insertHead(d, customerId, source, hash, now));
        if (head.isPresent()) {
            store.updateHead(id, d, customerId, hash, now);
        }
        String currency = d.currency().toUpperCase();
        try {
            for (var line : d.lines()) {
                store.upsertLine(id, line, amount(line.paid(), currency));
            }
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            throw KeptException.conflict("order.paid.belowRefunded", d.orderNo());
        }
        for (var p : d.payments()) {
            store.upsertPayment(id, p, amount(p.amount(), currency), currency);
        }
        store.replaceShipments(id, d.shipments());
        store.total(id);
        return new Pushed(id, head.isEmpty(), true);
    }

    private static long amount(String decimal, String currency) {
        try {
            Money m = Money.parse(decimal, currency);
            if (m.minor() < 0) {
                throw KeptException.invalid("order.amount.invalid", decimal);
            }
            return m.minor();
        } catch (IllegalArgumentException e) {
            throw KeptException.invalid("order.amount.invalid", decimal);
        }
    }

    private Long customerOf(OrderDocument d) {
        if (d.customerId() != null) {
            return customers.find(d.customerId()).map(c -> c.id()).orElse(null);
        }
        if (d.customerPhone() != null && !d.customerPhone().isBlank()) {
            return org.kept.customer.PhoneNumbers.parse(d.customerPhone()).flatMap(customers::byPhone).map(c -> c.id())
                    .orElse(null);
        }
        return null;
    }

    /** The order by its number: Kept's copy, refreshed from the order system when it has a lookup API. */
    public Optional<OrderView> byNumber(String orderNo) {
        orderSystem.byNumber(orderNo).ifPresent(d -> save(d, "LOOKUP"));
        return store.byNumber(orderNo);
    }

    /** A customer's latest orders: refreshed from the order system by the customer's phone numbers first. */
    public List<OrderView> ofCustomer(long customerId) {
        if (orderSystem.configured()) {
            customers.find(customerId).ifPresent(c -> c.phones().forEach(phone -> orderSystem.byPhone(phone).forEach(d ->
                    save(new OrderDocument(d.orderNo(), customerId, d.customerPhone(), d.placedAt(), d.currency(),
                            d.receiver(), d.lines(), d.payments(), d.shipments()), "LOOKUP"))));
        }
        return store.ofCustomer(customerId, SHOWN);
    }

    /** Kept's copy only (reconciliation: a bill never waits for the order system). */
    Optional<OrderView> byNumberLocal(String orderNo) {
        return store.byNumber(orderNo);
    }

    public OrderView get(long id) {
        return store.get(id).orElseThrow(() -> KeptException.notFound("order", id));
    }

    OrderView ofLine(long lineId) {
        return get(store.orderOfLine(lineId).orElseThrow(() -> KeptException.notFound("order line", lineId)));
    }
}
