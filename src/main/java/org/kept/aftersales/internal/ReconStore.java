package org.kept.aftersales.internal;

import static org.kept.aftersales.internal.OrderStore.instant;
import static org.kept.aftersales.internal.OrderStore.utc;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SQL of the daily reconciliation: the bill's rows staged by run, matched against payments and refunds by set queries. */
@Component
class ReconStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private volatile Boolean copies;

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

    static final String BATCH_STAGE = "aftersales_bill_row";

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

    /**
     * The bill's payments that matched, after {@link #billSideExceptions}: each bill payment joins at most one of Kept's
     * (provider and transaction id are unique), so it either matched or is a PROVIDER_ONLY or AMOUNT_MISMATCH row; counting
     * saves a second join of the whole bill.
     */
    long matchedPayments(String stage, long run) {
        return jdbc.sql("select (select count(*) from " + stage + " where run_id = ? and kind = 'PAY') - (select count(*) "
                        + "from aftersales_recon_item where run_id = ? and kind = 'PAY' and outcome in ('PROVIDER_ONLY', "
                        + "'AMOUNT_MISMATCH'))")
                .params(run, run).query(Long.class).single();
    }

    long matchedRefunds(String stage, long run, String provider) {
        return jdbc.sql("select count(*) from " + stage + " b join aftersales_refund r on r.refund_no = b.ref "
                        + "and r.provider = ? and r.amount_minor = b.amount_minor and r.state in ('PROCESSING', 'SUCCEEDED') "
                        + "where b.run_id = ? and b.kind = 'REFUND'")
                .params(provider, run).query(Long.class).single();
    }

    /** Bill rows Kept has no row for (长款), and rows whose amounts differ. */
    void billSideExceptions(String stage, long run, String provider) {
        jdbc.sql("insert into aftersales_recon_item (run_id, outcome, kind, ref, order_no, bill_minor, kept_minor) "
                        + "select b.run_id, case when p.id is null then 'PROVIDER_ONLY' else 'AMOUNT_MISMATCH' end, b.kind, b.ref, "
                        + "b.order_no, b.amount_minor, p.amount_minor from " + stage + " b left join aftersales_payment p "
                        + "on p.provider = ? and p.transaction_id = b.ref where b.run_id = ? and b.kind = 'PAY' "
                        + "and (p.id is null or p.amount_minor <> b.amount_minor)")
                .params(provider, run).update();
        jdbc.sql("insert into aftersales_recon_item (run_id, outcome, kind, ref, order_no, bill_minor, kept_minor) "
                        + "select b.run_id, case when r.id is null then 'PROVIDER_ONLY' else 'AMOUNT_MISMATCH' end, b.kind, b.ref, "
                        + "b.order_no, b.amount_minor, case when r.state in ('FAILED', 'CLOSED') then 0 else r.amount_minor end "
                        + "from " + stage + " b left join aftersales_refund r on r.refund_no = b.ref and r.provider = ? "
                        + "where b.run_id = ? and b.kind = 'REFUND' and (r.id is null or r.amount_minor <> b.amount_minor "
                        + "or r.state in ('FAILED', 'CLOSED'))")
                .params(provider, run).update();
    }

    /** Kept's payments and refunds of the day the bill does not list (短款). */
    void keptSideExceptions(String stage, long run, String provider, Instant from, Instant to) {
        jdbc.sql("insert into aftersales_recon_item (run_id, outcome, kind, ref, order_no, bill_minor, kept_minor) "
                        + "select ?, 'KEPT_ONLY', 'PAY', p.transaction_id, o.order_no, null, p.amount_minor "
                        + "from aftersales_payment p join aftersales_order o on o.id = p.order_id "
                        + "where p.provider = ? and p.paid_at >= ? and p.paid_at < ? and not exists (select 1 from "
                        + "" + stage + " b where b.run_id = ? and b.kind = 'PAY' and b.ref = p.transaction_id)")
                .params(run, provider, utc(from), utc(to), run).update();
        jdbc.sql("insert into aftersales_recon_item (run_id, outcome, kind, ref, order_no, bill_minor, kept_minor) "
                        + "select ?, 'KEPT_ONLY', 'REFUND', r.refund_no, o.order_no, null, r.amount_minor "
                        + "from aftersales_refund r join aftersales_order o on o.id = r.order_id "
                        + "where r.provider = ? and r.requested_at >= ? and r.requested_at < ? "
                        + "and r.state in ('PROCESSING', 'SUCCEEDED') and not exists (select 1 from " + stage + " b "
                        + "where b.run_id = ? and b.kind = 'REFUND' and b.ref = r.refund_no)")
                .params(run, provider, utc(from), utc(to), run).update();
    }

    /**
     * Order numbers on the bill paid more than once: more than one transaction of the order on the bill, more than one
     * in Kept, or Kept's transaction is another than the bill's. Grouped per order on each side first, so a bill of a
     * million rows joins Kept's payments of those orders once (not every payment of the provider).
     */
    List<String> ordersPaidTwice(String stage, long run, String provider) {
        return jdbc.sql("select b.order_no from (select order_no, min(ref) as ref, count(distinct ref) as n from " + stage
                        + " where run_id = ? and kind = 'PAY' group by order_no) b left join (select o.order_no, "
                        + "min(p.transaction_id) as ref, count(*) as n from aftersales_order o join aftersales_payment p "
                        + "on p.order_id = o.id and p.provider = ? where o.order_no in (select order_no from " + stage
                        + " where run_id = ? and kind = 'PAY') group by o.order_no) k on k.order_no = b.order_no "
                        + "where b.n > 1 or k.n > 1 or (k.ref is not null and k.ref <> b.ref) order by b.order_no")
                .params(run, provider, run).query(String.class).list();
    }

    /** Every transaction of these orders, the bill's and Kept's, Kept's first within an order: order, ref, known (1/0). */
    List<String[]> paymentsOf(String stage, long run, String provider, List<String> orders) {
        if (orders.isEmpty()) {
            return List.of();
        }
        String in = String.join(", ", java.util.Collections.nCopies(orders.size(), "?"));
        List<Object> params = new java.util.ArrayList<>();
        params.add(provider);
        params.add(run);
        params.addAll(orders);
        params.add(provider);
        params.addAll(orders);
        return jdbc.sql("select x.order_no, x.ref, x.known from ("
                        + "select b.order_no, b.ref, case when p.id is null then 0 else 1 end as known from " + stage + " b "
                        + "left join aftersales_payment p on p.provider = ? and p.transaction_id = b.ref "
                        + "where b.run_id = ? and b.kind = 'PAY' and b.order_no in (" + in + ") "
                        + "union select o.order_no, p.transaction_id, 1 from aftersales_payment p "
                        + "join aftersales_order o on o.id = p.order_id where p.provider = ? and o.order_no in (" + in + ")) x "
                        + "order by x.order_no, x.known desc, x.ref")
                .params(params)
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
    }

    /** The batch path's staged rows of a run, gone (after the run, or after it failed). */
    void unstage(long run) {
        jdbc.sql("delete from aftersales_bill_row where run_id = ?").param(run).update();
    }

    /** The database takes COPY (PostgreSQL); otherwise (H2) the bill is staged by batches of inserts. */
    boolean copies() {
        Boolean pg = copies;
        if (pg == null) {
            pg = template.execute((ConnectionCallback<Boolean>) c ->
                    c.getMetaData().getDatabaseProductName().equals("PostgreSQL"));
            copies = pg;
        }
        return pg;
    }

    /**
     * PostgreSQL: an unlogged table of this run's own (no WAL, no index to keep while loading; dropped whole at the
     * end instead of a million deletes), filled by COPY from the parser while it reads; then analysed, so the planner
     * joins it by hash. Returns the table's name (the caller drops it) and the rows read.
     */
    Staged copy(long run, BillSource bill) throws IOException {
        String table = "aftersales_bill_stage_" + run;
        jdbc.sql("create unlogged table " + table + " (run_id bigint not null default " + run + ", kind varchar(6) not null, "
                + "ref varchar(64) not null, order_no varchar(64), amount_minor bigint not null)").update();
        try {
            Long[] rows = {0L};
            IOException failed = template.execute((ConnectionCallback<IOException>) c -> {
                CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy " + table + " (kind, ref, order_no, amount_minor) from stdin");
                try (CopyText out = new CopyText(copy)) {
                    rows[0] = bill.read(out);
                    out.flush();
                    copy.endCopy();
                    return null;
                } catch (IOException e) {
                    return e;
                } finally {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                }
            });
            if (failed != null) {
                throw failed;
            }
            jdbc.sql("analyze " + table).update();
            return new Staged(table, rows[0]);
        } catch (IOException | RuntimeException e) {
            drop(table);
            throw e;
        }
    }

    record Staged(String table, long rows) {
    }

    void drop(String table) {
        jdbc.sql("drop table if exists " + table).update();
    }

    /** The parser, feeding rows to a sink, returning how many it read. */
    interface BillSource {
        long read(java.util.function.Consumer<BillFormat.Row> sink) throws IOException;
    }

    /** Rows in COPY's text format, UTF-8, handed to the server in 64 KiB chunks. */
    private static final class CopyText implements java.util.function.Consumer<BillFormat.Row>, AutoCloseable {
        private final CopyIn copy;
        private final StringBuilder line = new StringBuilder(128);
        private final byte[] buffer = new byte[1 << 16];
        private int used;

        CopyText(CopyIn copy) {
            this.copy = copy;
        }

        @Override
        public void accept(BillFormat.Row row) {
            line.setLength(0);
            text(row.kind()).append('\t');
            text(row.ref()).append('\t');
            if (row.orderNo() == null) {
                line.append("\\N");
            } else {
                text(row.orderNo());
            }
            line.append('\t').append(row.amountMinor()).append('\n');
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            try {
                if (used + bytes.length > buffer.length) {
                    flush();
                }
                if (bytes.length > buffer.length) {
                    copy.writeToCopy(bytes, 0, bytes.length);
                } else {
                    System.arraycopy(bytes, 0, buffer, used, bytes.length);
                    used += bytes.length;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("COPY of the bill failed: " + e.getMessage(), e);
            }
        }

        private StringBuilder text(String value) {
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                switch (ch) {
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(ch);
                }
            }
            return line;
        }

        void flush() throws SQLException {
            if (used > 0) {
                copy.writeToCopy(buffer, 0, used);
                used = 0;
            }
        }

        @Override
        public void close() {
        }
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
