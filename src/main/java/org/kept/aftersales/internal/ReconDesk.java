package org.kept.aftersales.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kept.shared.CentreZone;
import org.kept.shared.KeptException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Daily reconciliation: the provider's bill is parsed as a stream into a staging table (on PostgreSQL by COPY into an
 * unlogged table of the run's own, on H2 by batches of inserts), then matched with Kept's payments and refunds by set
 * queries: matched, provider-only (长款), Kept-only (短款), amount mismatch; an order paid
 * twice opens one DUPLICATE_ORDER case per extra payment.
 */
@Component
public class ReconDesk {

    static final int BATCH = 5_000;

    private final ReconStore store;
    private final CaseDesk cases;
    private final Clock clock;
    private final CentreZone zone;
    private final TransactionTemplate tx;

    ReconDesk(ReconStore store, CaseDesk cases, Clock clock, CentreZone zone, PlatformTransactionManager transactions) {
        this.store = store;
        this.cases = cases;
        this.clock = clock;
        this.zone = zone;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Told when each phase of a run ends (a benchmark reads its clocks there); the names are in {@link #reconcile}. */
    public interface Phases {
        Phases NONE = phase -> { };

        void ended(String phase);

        /** Time spent inside a phase on one part of it (the batch path's inserts within {@code stage}). */
        default void spent(String part, long nanos) {
        }
    }

    /** Reconciles one bill; the stream is read once, in its charset (Alipay's bills are GBK, WeChat's UTF-8). */
    public ReconRun reconcile(String provider, LocalDate day, String fileName, InputStream bill, Charset charset, Long by) {
        return reconcile(provider, day, fileName, bill, charset, by, Phases.NONE);
    }

    /**
     * As above, telling {@code phases} when each ends: {@code stage} (the bill parsed and loaded), {@code match} (the
     * exceptions written, the matches counted), {@code duplicates} (cases opened for second payments), {@code finish}
     * (totals written, staging rows gone).
     */
    public ReconRun reconcile(String provider, LocalDate day, String fileName, InputStream bill, Charset charset, Long by,
                              Phases phases) {
        String code = provider.toUpperCase(Locale.ROOT);
        if (!code.equals("WECHAT") && !code.equals("ALIPAY")) {
            throw KeptException.invalid("recon.provider.unknown", provider);
        }
        return reconcile(code, day, fileName, bill, charset, by, phases, store.copies());
    }

    /** With {@code copy} the bill goes to an unlogged table by COPY (PostgreSQL only), else by batches of inserts. */
    ReconRun reconcile(String code, LocalDate day, String fileName, InputStream bill, Charset charset, Long by,
                       Phases phases, boolean copy) {
        long run = tx.execute(s -> store.start(code, day, fileName, by, clock.instant()));
        String stage = ReconStore.BATCH_STAGE;
        try {
            long rows;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(bill,
                    charset == null ? StandardCharsets.UTF_8 : charset), 1 << 16)) {
                if (copy) {
                    ReconStore.Staged staged = store.copy(run, sink -> BillFormat.read(code, in, sink));
                    stage = staged.table();
                    rows = staged.rows();
                } else {
                    rows = batches(run, code, in, phases);
                }
                phases.ended("stage");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String table = stage;
            Instant from = day.atStartOfDay(zone.zone()).toInstant();
            Instant to = day.plusDays(1).atStartOfDay(zone.zone()).toInstant();
            long matched = tx.execute(s -> {
                store.billSideExceptions(table, run, code);
                store.keptSideExceptions(table, run, code, from, to);
                return store.matchedPayments(table, run) + store.matchedRefunds(table, run, code);
            });
            phases.ended("match");
            List<String> twice = store.ordersPaidTwice(table, run, code);
            for (int i = 0; i < twice.size(); i += 500) {
                String order = null;
                for (String[] payment : store.paymentsOf(table, run, code, twice.subList(i, Math.min(i + 500, twice.size())))) {
                    if (!payment[0].equals(order)) {
                        order = payment[0];  // the first of an order (one Kept knows, if any) is the original
                        continue;
                    }
                    long caseId = cases.openDuplicate(payment[0], payment[1]);
                    tx.executeWithoutResult(s -> store.duplicate(run, payment[0], payment[1], caseId));
                }
            }
            phases.ended("duplicates");
            tx.executeWithoutResult(s -> store.finish(run, rows, matched, clock.instant()));
        } finally {
            if (stage.equals(ReconStore.BATCH_STAGE)) {
                store.unstage(run);
            } else {
                store.drop(stage);
            }
        }
        phases.ended("finish");
        return run(run);
    }

    private long batches(long run, String code, BufferedReader in, Phases phases) throws IOException {
        List<BillFormat.Row> batch = new ArrayList<>(BATCH);
        long[] inserting = {0};
        long rows = BillFormat.read(code, in, row -> {
            batch.add(row);
            if (batch.size() == BATCH) {
                inserting[0] += stage(run, batch);
            }
        });
        inserting[0] += stage(run, batch);
        phases.spent("stage.insert", inserting[0]);
        return rows;
    }

    private long stage(long run, List<BillFormat.Row> batch) {
        long t = System.nanoTime();
        if (!batch.isEmpty()) {
            tx.executeWithoutResult(s -> store.stage(run, batch));
            batch.clear();
        }
        return System.nanoTime() - t;
    }

    public ReconRun run(long id) {
        return store.run(id).orElseThrow(() -> KeptException.notFound("reconciliation", id));
    }

    public List<ReconRun> runs() {
        return store.runs(50);
    }

    public List<Map<String, Object>> exceptions(long run) {
        return store.items(run, 1000);
    }
}
