package org.kept.aftersales.internal;

import static org.kept.aftersales.internal.OrderStore.instant;
import static org.kept.aftersales.internal.OrderStore.utc;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SQL of the daily reconciliation: the bill's rows staged by run, matched against payments and refunds by set queries. */
@Component
class ReconStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ReconStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    long start(String provider, LocalDate day, String file, Long by, Instant now) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into aftersales_recon_run (provider, bill_date, file_name, started_at, created_by) values (?, ?, ?, ?, ?)")
                .params(provider, day, file, utc(now), by).update(keys, "id");
        return keys.getKey().longValue();
    }

    void stage(long run, List<BillFormat.Row> rows) {
        template.batchUpdate("insert into aftersales_bill_row (run_id, kind, ref, order_no, amount_minor) values (?, ?, ?, ?, ?)",
                rows, rows.size(), (ps, r) -> {
                    ps.setLong(1, run);
                    ps.setString(2, r.kind());
                    ps.setString(3, r.ref());
                    ps.setString(4, r.orderNo());
                    ps.setLong(5, r.amountMinor());
                });
    }

    long matchedPayments(long run, String provider) {
        return jdbc.sql("select count(*) from aftersales_bill_row b join aftersales_payment p on p.provider = ? "
                        + "and p.transaction_id = b.ref and p.amount_minor = b.amount_minor where b.run_id = ? and b.kind = 'PAY'")
                .params(provider, run).query(Long.class).single();
    }

    long matchedRefunds(long run, String provider) {
        return jdbc.sql("select count(*) from aftersales_bill_row b join aftersales_refund r on r.refund_no = b.ref "
                        + "and r.provider = ? and r.amount_minor = b.amount_minor and r.state in ('PROCESSING', 'SUCCEEDED') "
                        + "where b.run_id = ? and b.kind = 'REFUND'")
                .params(provider, run).query(Long.class).single();
    }

    /** Bill rows Kept has no row for (长款), and rows whose amounts differ. */
    void billSideExceptions(long run, String provider) {
        jdbc.sql("insert into aftersales_recon_item (run_id, outcome, kind, ref, order_no, bill_minor, kept_minor) "
                        + "select b.run_id, case when p.id is null then 'PROVIDER_ONLY' else 'AMOUNT_MISMATCH' end, b.kind, b.ref, "
                        + "b.order_no, b.amount_minor, p.amount_minor from aftersales_bill_row b left join aftersales_payment p "
                        + "on p.provider = ? and p.transaction_id = b.ref where b.run_id = ? and b.kind = 'PAY' "
                        + "and (p.id is null or p.amount_minor <> b.amount_minor)")
                .params(provider, run).update();
        jdbc.sql("insert into aftersales_recon_item (run_id, outcome, kind, ref, order_no, bill_minor, kept_minor) "
                        + "select b.run_id, case when r.id is null then 'PROVIDER_ONLY' else 'AMOUNT_MISMATCH' end, b.kind, b.ref, "
                        + "b.order_no, b.amount_minor, case when r.state in ('FAILED', 'CLOSED') then 0 else r.amount_minor end "
                        + "from aftersales_bill_row b left join aftersales_refund r on r.refund_no = b.ref and r.provider = ? "
                        + "where b.run_id = ? and b.kind = 'REFUND' and (r.id is null or r.amount_minor <> b.amount_minor "
                        + "or r.state in ('FAILED', 'CLOSED'))")
                .params(provider, run).update();
    }

    /** Kept's payments and refunds of the day the bill does not list (短款). */
    void keptSideExceptions(long run, String provider, Instant from, Instant to) {
        jdbc.sql("insert into aftersales_recon_item (run_id, outcome, kind, ref, order_no, bill_minor, kept_minor) "
                        + "select ?, 'KEPT_ONLY', 'PAY', p.transaction_id, o.order_no, null, p.amount_minor "
                        + "from aftersales_payment p join aftersales_order o on o.id = p.order_id "
                        + "where p.provider = ? and p.paid_at >= ? and p.paid_at < ? and not exists (select 1 from "
                        + "aftersales_bill_row b where b.run_id = ? and b.kind = 'PAY' and b.ref = p.transaction_id)")
                .params(run, provider, utc(from), utc(to), run).update();
        jdbc.sql("insert into aftersales_recon_item (run_id, outcome, kind, ref, order_no, bill_minor, kept_minor) "
                        + "select ?, 'KEPT_ONLY', 'REFUND', r.refund_no, o.order_no, null, r.amount_minor "
                        + "from aftersales_refund r join aftersales_order o on o.id = r.order_id "
                        + "where r.provider = ? and r.requested_at >= ? and r.requested_at < ? "
                        + "and r.state in ('PROCESSING', 'SUCCEEDED') and not exists (select 1 from aftersales_bill_row b "
                        + "where b.run_id = ? and b.kind = 'REFUND' and b.ref = r.refund_no)")
                .params(run, provider, utc(from), utc(to), run).update();
    }

    /** Order numbers paid more than once, with every transaction: the bill's and those Kept knows for the same order. */
    List<String[]> paymentsOfOrdersPaidTwice(long run, String provider) {
        return jdbc.sql("select x.order_no, x.ref, x.known from ("
                        + "select b.order_no, b.ref, case when p.id is null then 0 else 1 end as known from aftersales_bill_row b "
                        + "left join aftersales_payment p on p.provider = ? and p.transaction_id = b.ref "
                        + "where b.run_id = ? and b.kind = 'PAY' "
                        + "union select o.order_no, p.transaction_id, 1 from aftersales_payment p "
                        + "join aftersales_order o on o.id = p.order_id where p.provider = ? and o.order_no in "
                        + "(select order_no from aftersales_bill_row where run_id = ? and kind = 'PAY')) x "
                        + "where x.order_no in (select y.order_no from (select b.order_no, b.ref from aftersales_bill_row b "
                        + "where b.run_id = ? and b.kind = 'PAY' union select o.order_no, p.transaction_id from aftersales_payment p "
                        + "join aftersales_order o on o.id = p.order_id where p.provider = ?) y "
                        + "group by y.order_no having count(distinct y.ref) > 1) order by x.order_no, x.known desc, x.ref")
                .params(provider, run, provider, run, run, provider)
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list();
    }

    void duplicate(long run, String orderNo, String txn, long caseId) {
        jdbc.sql("insert into aftersales_recon_item (run_id, outcome, kind, ref, order_no, case_id) values (?, 'DUPLICATE_PAYMENT', 'PAY', ?, ?, ?)")
                .params(run, txn, orderNo, caseId).update();
    }

    void finish(long run, long rows, long matched, Instant now) {
        jdbc.sql("update aftersales_recon_run set bill_rows = ?, matched = ?, "
                        + "provider_only = (select count(*) from aftersales_recon_item where run_id = ? and outcome = 'PROVIDER_ONLY'), "
                        + "kept_only = (select count(*) from aftersales_recon_item where run_id = ? and outcome = 'KEPT_ONLY'), "
                        + "mismatched = (select count(*) from aftersales_recon_item where run_id = ? and outcome = 'AMOUNT_MISMATCH'), "
                        + "duplicates = (select count(*) from aftersales_recon_item where run_id = ? and outcome = 'DUPLICATE_PAYMENT'), "
                        + "finished_at = ? where id = ?")
                .params(rows, matched, run, run, run, run, utc(now), run).update();
        jdbc.sql("delete from aftersales_bill_row where run_id = ?").param(run).update();
    }

    Optional<ReconRun> run(long id) {
        return jdbc.sql("select * from aftersales_recon_run where id = ?").param(id).query(this::runRow).optional();
    }

    List<ReconRun> runs(int limit) {
        return jdbc.sql("select * from aftersales_recon_run order by id desc limit " + limit).query(this::runRow).list();
    }

    List<Map<String, Object>> items(long run, int limit) {
        return jdbc.sql("select outcome, kind, ref, order_no, bill_minor, kept_minor, case_id from aftersales_recon_item "
                        + "where run_id = ? order by outcome, id limit " + limit)
                .param(run).query().listOfRows();
    }

    private ReconRun runRow(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new ReconRun(rs.getLong("id"), rs.getString("provider"), rs.getObject("bill_date", LocalDate.class),
                rs.getString("file_name"), rs.getLong("bill_rows"), rs.getLong("matched"), rs.getLong("provider_only"),
                rs.getLong("kept_only"), rs.getLong("mismatched"), rs.getLong("duplicates"), instant(rs, "started_at"),
                instant(rs, "finished_at"));
    }
}
