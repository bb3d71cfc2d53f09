package org.kept.aftersales.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The two ways a bill is staged give the same reconciliation: COPY into an unlogged table of the run's own (PostgreSQL)
 * and batches of inserts (every database), on a bill with every class of outcome; and a retry of the same bill doubles
 * nothing. On H2 both runs take the batch path (there is no COPY), so there it checks the retry.
 */
@KeptTest
class ReconCopyTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ReconDesk recon;

    @Autowired
    ReconStore store;

    @Autowired
    JdbcClient jdbc;

    @Test
    void copyAndBatchesGiveTheSameOutcomesForEveryClassAndARetryDoublesNothing() {
        Api admin = fixtures.api(fixtures.user("ADMIN"));
        String u = UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        // a bill day no other test pays on (Asia/Shanghai)
        LocalDate day = LocalDate.of(2040, 1, 1).plusDays(Math.floorMod(u.hashCode(), 3000));
        String paidAt = day + "T10:00:00+08:00";
        String matched = "CM" + u, mismatch = "CX" + u, keptOnly = "CK" + u, twice = "CD" + u, other = "CO" + u;
        for (String no : List.of(matched, mismatch, keptOnly, twice, other)) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("orderNo", no);
            doc.put("placedAt", paidAt);
            doc.put("currency", "CNY");
            doc.put("lines", List.of(body("lineNo", 1, "title", "蓝牙耳机", "quantity", 1, "paid", "100.00",
                    "category", "ELECTRONICS")));
            doc.put("payments", List.of(body("provider", "WECHAT", "transactionId", "42" + no, "amount", "100.00",
                    "paidAt", paidAt)));
            admin.post("/api/v1/orders", doc).expect(201);
        }
        // Kept's refunds of the day: one the bill lists as is, one with another amount, one the provider failed (on the
        // bill all the same), one the bill does not list
        refund(matched, "RM" + u, 3000, "PROCESSING", paidAt);
        refund(mismatch, "RX" + u, 2000, "SUCCEEDED", paidAt);
        refund(other, "RF" + u, 1000, "FAILED", paidAt);
        refund(keptOnly, "RK" + u, 500, "PROCESSING", paidAt);
        String bill = bill(day, List.of(
                new String[] {"SUCCESS", "42" + matched, matched, "100.00", ""},
                new String[] {"SUCCESS", "42" + mismatch, mismatch, "99.00", ""},
                new String[] {"SUCCESS", "42" + twice, twice, "100.00", ""},
                new String[] {"SUCCESS", "43" + twice, twice, "100.00", ""},
                // the bill knows the order by another transaction than Kept's: Kept-only, provider-only and a duplicate
                new String[] {"SUCCESS", "43" + other, other, "100.00", ""},
                new String[] {"SUCCESS", "44" + u, "CN" + u, "12.00", ""},
                new String[] {"REFUND", "42" + matched, matched, "30.00", "RM" + u},
                new String[] {"REFUND", "42" + mismatch, mismatch, "25.00", "RX" + u},
                new String[] {"REFUND", "42" + other, other, "10.00", "RF" + u},
                new String[] {"REFUND", "42" + twice, twice, "5.00", "RU" + u},
                // a value with COPY's special characters in it
                new String[] {"SUCCESS", "45\\" + u, "CT\\N" + u, "1.00", ""}));

        ReconRun batches = reconcile(day, bill, false);
        ReconRun copied = reconcile(day, bill, store.copies());
        ReconRun retried = reconcile(day, bill, store.copies());

        assertThat(batches.billRows()).isEqualTo(11);
        assertThat(batches.matched()).isEqualTo(3);  // payment, payment of the order paid twice, refund
        assertThat(batches.mismatched()).isEqualTo(3);
        assertThat(batches.providerOnly()).isEqualTo(5);
        assertThat(batches.keptOnly()).isEqualTo(3);
        assertThat(batches.duplicates()).isEqualTo(2);
        List<String> outcomes = outcomes(batches);
        assertThat(outcomes).contains("AMOUNT_MISMATCH PAY 42" + mismatch + " " + mismatch + " 9900 10000",
                "AMOUNT_MISMATCH REFUND RX" + u + " " + mismatch + " 2500 2000",
                "AMOUNT_MISMATCH REFUND RF" + u + " " + other + " 1000 0",
                "PROVIDER_ONLY PAY 44" + u + " CN" + u + " 1200 null",
                "PROVIDER_ONLY PAY 45\\" + u + " CT\\N" + u + " 100 null",
                "PROVIDER_ONLY REFUND RU" + u + " " + twice + " 500 null",
                "KEPT_ONLY PAY 42" + other + " " + other + " null 10000",
                "KEPT_ONLY PAY 42" + keptOnly + " " + keptOnly + " null 10000",
                "KEPT_ONLY REFUND RK" + u + " " + keptOnly + " null 500");
        assertThat(outcomes.stream().filter(o -> o.startsWith("DUPLICATE_PAYMENT PAY 43" + twice + " ")
                || o.startsWith("DUPLICATE_PAYMENT PAY 43" + other + " "))).hasSize(2);
        for (ReconRun run : List.of(copied, retried)) {
            assertThat(List.of(run.billRows(), run.matched(), run.mismatched(), run.providerOnly(), run.keptOnly(),
                    run.duplicates())).isEqualTo(List.of(batches.billRows(), batches.matched(), batches.mismatched(),
                    batches.providerOnly(), batches.keptOnly(), batches.duplicates()));
            assertThat(outcomes(run)).isEqualTo(outcomes);
        }
        // one case per duplicate payment however often the bill is reconciled; nothing staged is left behind
        assertThat(jdbc.sql("select count(*) from aftersales_case where kind = 'DUPLICATE_ORDER' and order_no in (?, ?)")
                .params(twice, other).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from aftersales_bill_row where run_id in (?, ?, ?)")
                .params(batches.id(), copied.id(), retried.id()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from information_schema.tables where lower(table_name) in (?, ?)")
                .params("aftersales_bill_stage_" + copied.id(), "aftersales_bill_stage_" + retried.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aBillThatFailsToParseLeavesNoStagedRows() {
        String broken = bill(LocalDate.of(2040, 1, 1), List.<String[]>of(new String[] {"SUCCESS", "42X", "X", "1.0.0", ""}));
        for (boolean copy : List.of(false, store.copies())) {
            long before = jdbc.sql("select coalesce(max(id), 0) from aftersales_recon_run").query(Long.class).single();
            try {
                reconcile(LocalDate.of(2040, 1, 1), broken, copy);
            } catch (org.kept.shared.KeptException expected) {
                // recon.csv.invalid
            }
            long run = jdbc.sql("select max(id) from aftersales_recon_run").query(Long.class).single();
            assertThat(run).isGreaterThan(before);
            assertThat(jdbc.sql("select count(*) from aftersales_bill_row where run_id = ?").param(run)
                    .query(Long.class).single()).isZero();
            assertThat(jdbc.sql("select count(*) from information_schema.tables where lower(table_name) = ?")
                    .param("aftersales_bill_stage_" + run).query(Long.class).single()).isZero();
        }
    }

    private ReconRun reconcile(LocalDate day, String bill, boolean copy) {
        return recon.reconcile("WECHAT", day, "bill.csv", new ByteArrayInputStream(bill.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8, null, ReconDesk.Phases.NONE, copy);
    }

    private List<String> outcomes(ReconRun run) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> i : recon.exceptions(run.id())) {
            out.add(i.get("outcome") + " " + i.get("kind") + " " + i.get("ref") + " " + i.get("order_no") + " "
                    + i.get("bill_minor") + " " + i.get("kept_minor") + ("DUPLICATE_PAYMENT".equals(i.get("outcome"))
                    ? " case " + i.get("case_id") : ""));
        }
        out.sort(null);
        return out;
    }

    private void refund(String orderNo, String refundNo, long minor, String state, String at) {
        Map<String, Object> ids = jdbc.sql("select o.id as o, l.id as l, p.id as p from aftersales_order o "
                        + "join aftersales_order_line l on l.order_id = o.id join aftersales_payment p on p.order_id = o.id "
                        + "where o.order_no = ?").param(orderNo).query().singleRow();
        jdbc.sql("insert into aftersales_refund (refund_no, order_id, line_id, payment_id, provider, amount_minor, currency, "
                        + "state, requested_at) values (?, ?, ?, ?, 'WECHAT', ?, 'CNY', ?, ?)")
                .params(refundNo, ids.get("o"), ids.get("l"), ids.get("p"), minor, state,
                        java.time.OffsetDateTime.parse(at)).update();
    }

    private static String bill(LocalDate day, List<String[]> rows) {
        return org.kept.aftersales.WechatBillText.of(day, rows);
    }
}
