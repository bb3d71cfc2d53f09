package org.kept.aftersales.internal;

import static org.kept.aftersales.internal.OrderStore.instant;
import static org.kept.aftersales.internal.OrderStore.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SQL for after-sales cases, their lines, pickups and the categories exempt from no-reason returns. */
@Component
class CaseStore {

    private final JdbcClient jdbc;

    CaseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(Long ticketId, Long orderId, String orderNo, AftersalesCase.Kind kind, String reason, String duplicateTxn,
                Long by, Instant now) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into aftersales_case (ticket_id, order_id, order_no, kind, state, reason, duplicate_txn, created_by, "
                        + "created_at) values (?, ?, ?, ?, 'OPEN', ?, ?, ?, ?)")
                .params(ticketId, orderId, orderNo, kind.name(), reason, duplicateTxn, by, utc(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void addLine(long caseId, long lineId, int quantity) {
        jdbc.sql("insert into aftersales_case_line (case_id, line_id, quantity) values (?, ?, ?)")
                .params(caseId, lineId, quantity).update();
    }

    Optional<Long> byDuplicate(String txn) {
        return jdbc.sql("select id from aftersales_case where duplicate_txn = ?").param(txn).query(Long.class).optional();
    }

    boolean returnReceived(long id, int version, Instant at, Instant due) {
        return jdbc.sql("update aftersales_case set state = 'RETURN_RECEIVED', return_received_at = ?, refund_due_at = ?, "
                        + "version = version + 1 where id = ? and version = ? and state = 'OPEN'")
                .params(utc(at), utc(due), id, version).update() == 1;
    }

    boolean close(long id, int version) {
        return jdbc.sql("update aftersales_case set state = 'CLOSED', version = version + 1 "
                        + "where id = ? and version = ? and state <> 'CLOSED'")
                .params(id, version).update() == 1;
    }

    Optional<AftersalesCase> get(long id) {
        return jdbc.sql("select * from aftersales_case where id = ?").param(id).query(this::row).optional();
    }

    List<AftersalesCase> ofTicket(long ticketId) {
        return jdbc.sql("select * from aftersales_case where ticket_id = ? order by id").param(ticketId).query(this::row).list();
    }

    List<AftersalesCase> ofOrder(long orderId) {
        return jdbc.sql("select * from aftersales_case where order_id = ? order by id").param(orderId).query(this::row).list();
    }

    /** Inserts the case's pickup unless it has one: true when this call scheduled it. */
    boolean insertPickup(long caseId, String address, String phone, Instant windowStart, Long by, Instant now) {
        return jdbc.sql("insert into aftersales_pickup (case_id, address, phone, window_start, state, created_by, created_at) "
                        + "select ?, ?, ?, ?, 'SCHEDULED', ?, ? where not exists (select 1 from aftersales_pickup where case_id = ?)")
                .params(caseId, address, phone, utc(windowStart), by, utc(now), caseId).update() == 1;
    }

    Optional<Pickup> pickup(long caseId) {
        return jdbc.sql("select * from aftersales_pickup where case_id = ?").param(caseId)
                .query((rs, i) -> new Pickup(rs.getLong("id"), rs.getLong("case_id"), rs.getString("address"),
                        rs.getString("phone"), instant(rs, "window_start"), rs.getString("state"))).optional();
    }

    Set<String> exemptCategories() {
        return jdbc.sql("select category from aftersales_return_exempt").query(String.class).set();
    }

    private AftersalesCase row(ResultSet rs, int i) throws SQLException {
        long id = rs.getLong("id");
        List<Long> lines = jdbc.sql("select line_id from aftersales_case_line where case_id = ? order by line_id").param(id)
                .query(Long.class).list();
        return new AftersalesCase(id, rs.getObject("ticket_id") == null ? null : rs.getLong("ticket_id"),
                rs.getObject("order_id") == null ? null : rs.getLong("order_id"), rs.getString("order_no"),
                AftersalesCase.Kind.valueOf(rs.getString("kind")), AftersalesCase.State.valueOf(rs.getString("state")),
                rs.getString("reason"), rs.getString("duplicate_txn"), instant(rs, "return_received_at"),
                instant(rs, "refund_due_at"), rs.getObject("created_by") == null ? null : rs.getLong("created_by"),
                instant(rs, "created_at"), rs.getInt("version"), lines);
    }
}
