package org.kept.aftersales.internal;

import static org.kept.aftersales.internal.OrderStore.instant;
import static org.kept.aftersales.internal.OrderStore.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kept.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SQL for refunds and the amount each order line holds against what was paid for it. */
@Component
class RefundStore {

    private final JdbcClient jdbc;

    RefundStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Counts an amount against the line, if it fits under what was paid: one conditional update, so the row lock
     * serialises racing requests (PostgreSQL re-checks the condition on the row it waited for) and the check
     * constraint {@code refunded_minor <= paid_minor} refuses whatever slips past.
     */
    boolean reserve(long lineId, long minor) {
        return jdbc.sql("update aftersales_order_line set refunded_minor = refunded_minor + ? "
                        + "where id = ? and refunded_minor + ? <= paid_minor")
                .params(minor, lineId, minor).update() == 1;
    }

    /** Gives the amount of a refund that moved nothing back to the line. */
    void release(long lineId, long minor) {
        jdbc.sql("update aftersales_order_line set refunded_minor = refunded_minor - ? where id = ?")
                .params(minor, lineId).update();
    }

    /** Takes the case's row lock: refunds of one case are decided one at a time. */
    boolean lockCase(long caseId) {
        return jdbc.sql("update aftersales_case set version = version where id = ?").param(caseId).update() == 1;
    }

    /** Whether a refund of the case has not ended yet (waiting for approval, asked for, or with the provider). */
    boolean unsettledOfCase(long caseId) {
        return jdbc.sql("select count(*) from aftersales_refund where case_id = ? "
                + "and state in ('AWAITING_APPROVAL', 'REQUESTED', 'PROCESSING')").param(caseId).query(Long.class).single() > 0;
    }

    Optional<Refund> activeOfCase(long caseId, long lineId) {
        return jdbc.sql("select * from aftersales_refund where case_id = ? and line_id = ? and state not in ('FAILED', 'CLOSED') "
                + "order by id limit 1").params(caseId, lineId).query(this::refund).optional();
    }

    long insert(String refundNo, Long caseId, long orderId, long lineId, long paymentId, String provider, Money amount,
                String reason, Long requestedBy, Instant now, Instant nextCheck, Long ticketId, Authority authority) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        RefundState state = authority.requestId() != null ? RefundState.AWAITING_APPROVAL : RefundState.REQUESTED;
        jdbc.sql("insert into aftersales_refund (refund_no, case_id, order_id, line_id, payment_id, provider, amount_minor, "
                        + "currency, reason, state, requested_by, requested_at, next_check_at, ticket_id, authority_grant_id, "
                        + "authority_request_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(refundNo, caseId, orderId, lineId, paymentId, provider, amount.minor(), amount.currency(), reason,
                        state.name(), requestedBy, utc(now), state == RefundState.REQUESTED ? utc(nextCheck) : null,
                        ticketId, authority.grantId(), authority.requestId())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** What the authority limits said of a refund: granted at once, waiting for a request, or not asked (null, null). */
    record Authority(Long grantId, Long requestId) {
        static final Authority NOT_ASKED = new Authority(null, null);
    }

    Optional<Refund> byAuthorityRequest(long requestId) {
        return jdbc.sql("select * from aftersales_refund where authority_request_id = ?").param(requestId)
                .query(this::refund).optional();
    }

    Optional<Refund> get(long id) {
        return jdbc.sql("select * from aftersales_refund where id = ?").param(id).query(this::refund).optional();
    }

    Optional<Refund> byNumber(String refundNo) {
        return jdbc.sql("select * from aftersales_refund where refund_no = ?").param(refundNo).query(this::refund).optional();
    }

    List<Refund> ofOrder(long orderId) {
        return jdbc.sql("select * from aftersales_refund where order_id = ? order by id").param(orderId).query(this::refund).list();
    }

    List<Refund> ofCase(long caseId) {
        return jdbc.sql("select * from aftersales_refund where case_id = ? order by id").param(caseId).query(this::refund).list();
    }

    /** Saves a transition if nobody saved the refund since it was read; false means read it again. */
    boolean save(Refund r, Instant nextCheck) {
        return jdbc.sql("update aftersales_refund set state = ?, provider_refund_id = ?, failure = ?, attempts = ?, "
                        + "settled_at = ?, next_check_at = ?, version = version + 1 where id = ? and version = ?")
                .params(r.state().name(), r.providerRefundId(), r.failure(), r.attempts(), utc(r.settledAt()),
                        utc(nextCheck), r.id(), r.version())
                .update() == 1;
    }

    /** Refunds not settled whose next check is due: submits for REQUESTED, queries for PROCESSING. */
    List<Long> due(Instant now, int limit) {
        return jdbc.sql("select id from aftersales_refund where state in ('REQUESTED', 'PROCESSING') and next_check_at <= ? "
                        + "order by next_check_at limit " + limit)
                .param(utc(now)).query(Long.class).list();
    }

    /** Takes a due refund for {@code until}: a compare-and-set, so of two instances only one works on it. */
    boolean lease(long id, Instant now, Instant until) {
        return jdbc.sql("update aftersales_refund set next_check_at = ? where id = ? and next_check_at <= ? "
                        + "and state in ('REQUESTED', 'PROCESSING')")
                .params(utc(until), id, utc(now)).update() == 1;
    }

    private Refund refund(ResultSet rs, int i) throws SQLException {
        return new Refund(rs.getLong("id"), rs.getString("refund_no"),
                rs.getObject("case_id") == null ? null : rs.getLong("case_id"), rs.getLong("order_id"),
                rs.getLong("line_id"), rs.getLong("payment_id"), rs.getString("provider"),
                Money.of(rs.getLong("amount_minor"), rs.getString("currency")), rs.getString("reason"),
                RefundState.valueOf(rs.getString("state")), rs.getString("provider_refund_id"), rs.getString("failure"),
                rs.getObject("requested_by") == null ? null : rs.getLong("requested_by"), instant(rs, "requested_at"),
                rs.getInt("attempts"), instant(rs, "settled_at"), rs.getInt("version"),
                rs.getObject("ticket_id") == null ? null : rs.getLong("ticket_id"),
                rs.getObject("authority_request_id") == null ? null : rs.getLong("authority_request_id"));
    }
}
