package org.kept.aftersales.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.kept.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SQL for orders, their lines, payments and shipments. */
@Component
class OrderStore {

    private final JdbcClient jdbc;

    OrderStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Head(long id, String hash) {
    }

    Optional<Head> head(String orderNo) {
        return jdbc.sql("select id, payload_hash from aftersales_order where order_no = ?").param(orderNo)
                .query((rs, i) -> new Head(rs.getLong(1), rs.getString(2))).optional();
    }

    long insertHead(OrderDocument d, Long customerId, String source, String hash, Instant now) {
        var r = d.receiver();
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into aftersales_order (order_no, customer_id, customer_ref, placed_at, currency, total_minor, "
                        + "receiver_name, receiver_phone, receiver_address, source, payload_hash, updated_at) "
                        + "values (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)")
                .params(d.orderNo(), customerId, d.customerPhone(), d.placedAt(), d.currency().toUpperCase(),
                        r == null ? null : r.name(), r == null ? null : r.phone(), r == null ? null : r.address(), source,
                        hash, utc(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void updateHead(long id, OrderDocument d, Long customerId, String hash, Instant now) {
        var r = d.receiver();
        jdbc.sql("update aftersales_order set customer_id = coalesce(?, customer_id), customer_ref = ?, placed_at = ?, "
                        + "receiver_name = ?, receiver_phone = ?, receiver_address = ?, payload_hash = ?, updated_at = ? where id = ?")
                .params(customerId, d.customerPhone(), d.placedAt(), r == null ? null : r.name(),
                        r == null ? null : r.phone(), r == null ? null : r.address(), hash, utc(now), id)
                .update();
    }

    /** A line's title and amount may change; what was refunded stays, and the database refuses paid below it. */
    void upsertLine(long orderId, OrderDocument.Line l, long paidMinor) {
        int changed = jdbc.sql("update aftersales_order_line set sku = ?, title = ?, category = ?, quantity = ?, "
                        + "paid_minor = ?, delivered_at = ? where order_id = ? and line_no = ?")
                .params(l.sku(), l.title(), l.category(), l.quantity(), paidMinor, l.deliveredAt(), orderId, l.lineNo())
                .update();
        if (changed == 0) {
            jdbc.sql("insert into aftersales_order_line (order_id, line_no, sku, title, category, quantity, paid_minor, "
                            + "delivered_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(orderId, l.lineNo(), l.sku(), l.title(), l.category(), l.quantity(), paidMinor, l.deliveredAt())
                    .update();
        }
    }

    void total(long orderId) {
        jdbc.sql("update aftersales_order set total_minor = (select coalesce(sum(paid_minor), 0) from aftersales_order_line "
                + "where order_id = ?) where id = ?").params(orderId, orderId).update();
    }

    void upsertPayment(long orderId, OrderDocument.Payment p, long amountMinor, String currency) {
        int changed = jdbc.sql("update aftersales_payment set amount_minor = ?, paid_at = ? where provider = ? and transaction_id = ?")
                .params(amountMinor, p.paidAt(), p.provider().toUpperCase(), p.transactionId()).update();
        if (changed == 0) {
            jdbc.sql("insert into aftersales_payment (order_id, provider, transaction_id, amount_minor, currency, paid_at) "
                            + "values (?, ?, ?, ?, ?, ?)")
                    .params(orderId, p.provider().toUpperCase(), p.transactionId(), amountMinor, currency, p.paidAt())
                    .update();
        }
    }

    void replaceShipments(long orderId, List<OrderDocument.Shipment> shipments) {
        jdbc.sql("delete from aftersales_shipment where order_id = ?").param(orderId).update();
        for (var s : shipments) {
            jdbc.sql("insert into aftersales_shipment (order_id, carrier, tracking_no, shipped_at, delivered_at) values (?, ?, ?, ?, ?)")
                    .params(orderId, s.carrier(), s.trackingNo(), s.shippedAt(), s.deliveredAt()).update();
        }
    }

    Optional<OrderView> get(long id) {
        return jdbc.sql("select * from aftersales_order where id = ?").param(id).query(this::headRow).optional().map(this::full);
    }

    Optional<OrderView> byNumber(String orderNo) {
        return jdbc.sql("select * from aftersales_order where order_no = ?").param(orderNo).query(this::headRow).optional()
                .map(this::full);
    }

    List<OrderView> ofCustomer(long customerId, int limit) {
        return jdbc.sql("select * from aftersales_order where customer_id = ? order by placed_at desc limit " + limit)
                .param(customerId).query(this::headRow).list().stream().map(this::full).toList();
    }

    Optional<Long> orderOfLine(long lineId) {
        return jdbc.sql("select order_id from aftersales_order_line where id = ?").param(lineId).query(Long.class).optional();
    }

    private OrderView headRow(ResultSet rs, int i) throws SQLException {
        String currency = rs.getString("currency");
        Long customer = rs.getObject("customer_id") == null ? null : rs.getLong("customer_id");
        return new OrderView(rs.getLong("id"), rs.getString("order_no"), customer, instant(rs, "placed_at"),
                Money.of(rs.getLong("total_minor"), currency), rs.getString("receiver_name"), rs.getString("receiver_phone"),
                rs.getString("receiver_address"), rs.getString("source"), List.of(), List.of(), List.of());
    }

    private OrderView full(OrderView o) {
        String c = o.total().currency();
        var lines = jdbc.sql("select * from aftersales_order_line where order_id = ? order by line_no").param(o.id())
                .query((rs, i) -> new OrderView.Line(rs.getLong("id"), rs.getInt("line_no"), rs.getString("sku"),
                        rs.getString("title"), rs.getString("category"), rs.getInt("quantity"),
                        Money.of(rs.getLong("paid_minor"), c), Money.of(rs.getLong("refunded_minor"), c),
                        instant(rs, "delivered_at"))).list();
        var payments = jdbc.sql("select * from aftersales_payment where order_id = ? order by paid_at, id").param(o.id())
                .query((rs, i) -> new OrderView.Payment(rs.getLong("id"), rs.getString("provider"),
                        rs.getString("transaction_id"), Money.of(rs.getLong("amount_minor"), rs.getString("currency")),
                        instant(rs, "paid_at"))).list();
        var shipments = jdbc.sql("select * from aftersales_shipment where order_id = ? order by id").param(o.id())
                .query((rs, i) -> new OrderView.Shipment(rs.getLong("id"), rs.getString("carrier"),
                        rs.getString("tracking_no"), instant(rs, "shipped_at"), instant(rs, "delivered_at"))).list();
        return new OrderView(o.id(), o.orderNo(), o.customerId(), o.placedAt(), o.total(), o.receiverName(),
                o.receiverPhone(), o.receiverAddress(), o.source(), lines, payments, shipments);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
