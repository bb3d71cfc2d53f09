package org.kept.bench;

import static org.kept.support.Api.body;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.kept.KeptApplication;
import org.kept.aftersales.internal.ReconDesk;
import org.kept.aftersales.internal.ReconRun;
import org.kept.aftersales.internal.SimulatedProvider;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.Response;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Refunds and reconciliation (issue 13), Kept in process (test profile: the refund worker's poller is off) on the
 * database of KEPT_TEST_DB_URL (PostgreSQL: the bulk seeding of part 2 uses generate_series).
 * <ol>
 *   <li>{@code refunds}: {@code orders} orders of one line paid 100.00 through the built-in simulated provider, each
 *   on its own customer's ticket; {@code clients} agents (one API token each, a personal refund limit above every
 *   amount here) race over all the orders, each in its own shuffled order, asking for 40.00 of every line through
 *   {@code POST /api/v1/refunds}; every tenth request is sent twice with one Idempotency-Key (a retry). At most two
 *   refunds fit a line. Pass/fail, checked at the end: no line refunded above what was paid, as many refund rows as
 *   201 answers, every refund number moved money at the provider exactly once and the provider's total equals Kept's;
 *   a retried key answered the same refund. Figure: requests per second (every answer, 201 and 409 alike).</li>
 *   <li>{@code recon}: a WeChat Pay trade bill of {@code rows} rows (CSV, the merchant platform's columns) written to a
 *   temporary file, and Kept's side seeded in bulk (orders and payments of that day): all matched but 1 in 1,000 with a
 *   different amount, 1 in 1,000 only on the bill, 1 in 1,000 only in Kept, and 10 orders paid twice (a second transaction on the bill). Timed:
 *   {@code ReconDesk.reconcile} reading the file as a stream; heap high-water mark of the run.</li>
 * </ol>
 * Args: part (refunds|recon|both), clients (32), orders (1000), rows (1000000).
 */
public final class RefundBenchmark {

    public static void main(String[] args) throws Exception {
        String part = args.length > 0 ? args[0] : "both";
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int orders = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int rows = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
        ConfigurableApplicationContext app = SpringApplication.run(new Class<?>[] {KeptApplication.class, Fixtures.class},
                new String[] {"--server.port=0", "--spring.profiles.active=test", "--logging.level.root=warn",
                        "--logging.level.org.kept=warn", "--kept.authority.expiry-enabled=false"});
        int failures = 0;
        try {
            if (!part.equals("recon")) {
                failures += refunds(app, clients, orders);
            }
            if (!part.equals("refunds")) {
                failures += recon(app, rows);
            }
        } finally {
            app.close();
        }
        System.out.println(failures == 0 ? "PASS" : "FAIL (" + failures + " checks)");
        System.exit(failures == 0 ? 0 : 1);
    }

    static int refunds(ConfigurableApplicationContext app, int clients, int orders) throws Exception {
        Fixtures fixtures = app.getBean(Fixtures.class);
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        SimulatedProvider provider = app.getBean(SimulatedProvider.class);
        String tag = "B" + Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        Api admin = fixtures.api(fixtures.user("ADMIN"));
        List<Api> agents = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            CurrentUser agent = fixtures.user("AGENT");
            jdbc.sql("insert into authority_limit (holder, action_code, currency, per_case_minor, updated_at, updated_by) "
                    + "values (?, 'REFUND', 'CNY', 100000000, current_timestamp, 'bench')").param("user:" + agent.id()).update();
            agents.add(fixtures.api(agent));
        }
        long t0 = System.nanoTime();
        long[] lines = new long[orders];
        long[] tickets = new long[orders];
        ExecutorService seed = Executors.newFixedThreadPool(4);
        List<Future<?>> seeded = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            int n = i;
            seeded.add(seed.submit(() -> {
                String no = tag + "-" + n;
                long customer = fixtures.customer("压测客户" + n).id();
                tickets[n] = fixtures.ticket(agents.get(n % clients), customer, "退款压测 " + no).id();
                lines[n] = admin.post("/api/v1/orders", body("orderNo", no, "customerId", customer,
                                "placedAt", "2026-11-20T10:00:00+08:00", "currency", "CNY",
                                "receiver", body("name", "张伟", "phone", "+8613900001111", "address", "上海市浦东新区世纪大道100号"),
                                "lines", List.of(body("lineNo", 1, "title", "耳机", "quantity", 1, "paid", "100.00")),
                                "payments", List.of(body("provider", "SIMULATED", "transactionId", "TX" + no, "amount", "100.00",
                                        "paidAt", "2026-11-20T10:01:00+08:00"))))
                        .expect(201).json().path("lines").path(0).path("id").asLong();
                return null;
            }));
        }
        for (Future<?> f : seeded) {
            f.get();
        }
        seed.shutdown();
        System.out.printf("seeded %d agents, %d customers, tickets and orders in %.1f s%n", clients, orders,
                (System.nanoTime() - t0) / 1e9);

        int requestsBefore = provider.requests();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        AtomicInteger retryMismatch = new AtomicInteger();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Histogram latency = new ConcurrentHistogram(60_000_000_000L, 3);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Api agent = agents.get(c);
            long seedOf = c;
            done.add(pool.submit(() -> {
                List<Integer> mine = new ArrayList<>();
                for (int i = 0; i < orders; i++) {
                    mine.add(i);
                }
                Collections.shuffle(mine, new Random(seedOf));
                start.await();
                int sent = 0;
                for (int i : mine) {
                    Map<String, Object> b = body("ticketId", tickets[i], "lineId", lines[i], "amount", "40.00", "reason", "压测");
                    boolean retry = sent % 10 == 0;
                    Api caller = retry ? agent.header("Idempotency-Key", UUID.randomUUID().toString()) : agent;
                    long s = System.nanoTime();
                    Response r = caller.post("/api/v1/refunds", b);
                    latency.recordValue(System.nanoTime() - s);
                    sent++;
                    statuses.computeIfAbsent(r.status(), k -> new AtomicInteger()).incrementAndGet();
                    if (r.status() == 201) {
                        created.incrementAndGet();
                    } else if (r.status() == 409) {
                        refused.incrementAndGet();
                    } else {
                        other.incrementAndGet();
                    }
                    if (retry) {
                        // the same key again, as a client whose answer was lost would send it
                        long s2 = System.nanoTime();
                        Response again = caller.post("/api/v1/refunds", b);
                        latency.recordValue(System.nanoTime() - s2);
                        sent++;
                        retries.incrementAndGet();
                        statuses.computeIfAbsent(again.status() * 10, k -> new AtomicInteger()).incrementAndGet();
                        boolean same = r.status() == 201 ? again.status() == 200 && again.id() == r.id()
                                : again.status() == r.status();
                        if (!same) {
                            retryMismatch.incrementAndGet();
                        }
                    }
                }
                return sent;
            }));
        }
        long begin = System.nanoTime();
        start.countDown();
        int sent = 0;
        for (Future<Integer> f : done) {
            sent += f.get();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        pool.shutdown();
        System.out.printf("refunds: %d clients, %d orders, %d requests (%d retries of a key) in %.1f s: %.0f requests/s%n",
                clients, orders, sent, retries.get(), seconds, sent / seconds);
        System.out.printf("answers: %s (x10: the retry's status)%n", new java.util.TreeMap<>(statuses));
        System.out.printf("latency: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(95) / 1e6,
                latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6);

        // the checks: the database, then the provider's side
        int failures = 0;
        String likeTag = tag + "-%";
        long overPaid = jdbc.sql("select count(*) from aftersales_order_line l join aftersales_order o on o.id = l.order_id "
                + "where o.order_no like ? and l.refunded_minor > l.paid_minor").param(likeTag).query(Long.class).single();
        long heldWrong = jdbc.sql("select count(*) from aftersales_order_line l join aftersales_order o on o.id = l.order_id "
                + "where o.order_no like ? and l.refunded_minor <> (select coalesce(sum(r.amount_minor), 0) from aftersales_refund r "
                + "where r.line_id = l.id and r.state not in ('FAILED', 'CLOSED'))").param(likeTag).query(Long.class).single();
        List<String> numbers = jdbc.sql("select r.refund_no from aftersales_refund r join aftersales_order o on o.id = r.order_id "
                + "where o.order_no like ?").param(likeTag).query(String.class).list();
        long keptTotal = jdbc.sql("select coalesce(sum(r.amount_minor), 0) from aftersales_refund r join aftersales_order o "
                + "on o.id = r.order_id where o.order_no like ? and r.state in ('PROCESSING', 'SUCCEEDED')").param(likeTag)
                .query(Long.class).single();
        long movedTwice = numbers.stream().filter(n -> provider.movements(n) > 1).count();
        long neverMoved = numbers.stream().filter(n -> provider.movements(n) == 0).count();
        long movedHere = numbers.stream().mapToLong(n -> provider.movements(n) == 0 ? 0 : 4_000L).sum();
        long fullLines = jdbc.sql("select count(*) from aftersales_order_line l join aftersales_order o on o.id = l.order_id "
                + "where o.order_no like ? and l.refunded_minor = 8000").param(likeTag).query(Long.class).single();
        System.out.printf("database: %d refund rows for %d answers 201; lines above paid: %d; lines whose held amount "
                        + "is not the sum of their refunds: %d; lines refunded to 80.00: %d of %d%n", numbers.size(),
                created.get(), overPaid, heldWrong, fullLines, orders);
        System.out.printf("provider: %d refund requests received, %d refund numbers moved twice, %d never moved; "
                        + "moved %.2f, Kept says %.2f%n", provider.requests() - requestsBefore, movedTwice, neverMoved,
                movedHere / 100.0, keptTotal / 100.0);
        System.out.printf("retries answered differently: %d; answers neither 201 nor 409: %d%n", retryMismatch.get(), other.get());
        failures += overPaid > 0 ? 1 : 0;
        failures += heldWrong > 0 ? 1 : 0;
        failures += numbers.size() != created.get() ? 1 : 0;
        failures += movedTwice > 0 || neverMoved > 0 ? 1 : 0;
        failures += movedHere != keptTotal ? 1 : 0;
        failures += fullLines != orders ? 1 : 0;
        failures += retryMismatch.get() > 0 || other.get() > 0 ? 1 : 0;
        return failures;
    }

    static int recon(ConfigurableApplicationContext app, int rows) throws Exception {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        ReconDesk recon = app.getBean(ReconDesk.class);
        String tag = "R" + Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        // a bill day of its own far from the others' (Asia/Shanghai), so earlier runs' payments stay out of it
        LocalDate day = LocalDate.of(2030, 1, 1).plusDays(System.currentTimeMillis() / 1000 % 3000);
        String paidAt = day + " 12:00:00+08";
        long t0 = System.nanoTime();
        // Kept's side in bulk: order i is <tag>-i, its payment 42<tag>i of (i % 500 + 1) yuan; i % 1000 == 7 is on the
        // bill only (not seeded), == 8 is in Kept only (not on the bill), == 9 has another amount on the bill
        jdbc.sql("insert into aftersales_order (order_no, placed_at, currency, total_minor, source, payload_hash, updated_at) "
                + "select ? || '-' || g, cast(? as timestamp with time zone), 'CNY', (g % 500 + 1) * 100, 'PUSH', 'bench', "
                + "current_timestamp from generate_series(0, ? - 1) g where g % 1000 <> 7")
                .params(tag, paidAt, rows).update();
        jdbc.sql("insert into aftersales_payment (order_id, provider, transaction_id, amount_minor, currency, paid_at) "
                + "select o.id, 'WECHAT', '42' || o.order_no, o.total_minor, 'CNY', cast(? as timestamp with time zone) "
                + "from aftersales_order o where o.order_no like ?").params(paidAt, tag + "-%").update();
        jdbc.sql("analyze aftersales_payment").update();
        jdbc.sql("analyze aftersales_order").update();
        double seedSeconds = (System.nanoTime() - t0) / 1e9;
        Path bill = Files.createTempFile("wechat-bill-", ".csv");
        long t1 = System.nanoTime();
        int duplicates = 10;
        try (BufferedWriter w = Files.newBufferedWriter(bill, StandardCharsets.UTF_8)) {
            w.write("交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,"
                    + "应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,"
                    + "手续费,费率,订单金额,申请退款金额,费率备注\n");
            long written = 0;
            for (int g = 0; g < rows; g++) {
                if (g % 1000 == 8) {
                    continue;
                }
                long minor = (g % 500 + 1) * 100L + (g % 1000 == 9 ? 1 : 0);
                written += row(w, day, "42" + tag + "-" + g, tag + "-" + g, minor);
                if (g >= 10 && g < 10 + duplicates) {
                    // the same order paid a second time (a double tap): a second transaction on the bill
                    written += row(w, day, "43" + tag + "-" + g, tag + "-" + g, minor);
                }
            }
            w.write("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\n`" + written
                    + ",`0.00,`0.00,`0.00,`0.00,`0.00,`0.00\n");
        }
        System.out.printf("recon: seeded %d orders and payments in %.1f s; bill of %d MB written in %.1f s%n",
                rows - rows / 1000, seedSeconds, Files.size(bill) >> 20, (System.nanoTime() - t1) / 1e9);

        System.gc();
        List<MemoryPoolMXBean> heaps = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heaps.forEach(MemoryPoolMXBean::resetPeakUsage);
        long usedBefore = heaps.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        long cpu0 = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        long start = System.nanoTime();
        ReconRun run;
        PhaseClock phases = new PhaseClock(jdbc);
        try (InputStream in = Files.newInputStream(bill)) {
            run = recon.reconcile("WECHAT", day, bill.getFileName().toString(), in, StandardCharsets.UTF_8, null, phases);
        }
        phases.print();
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() - cpu0;
        long peak = heaps.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("recon: %d bill rows in %.1f s wall (%.1f s CPU of this JVM; the database's own is not in it), "
                        + "heap peak %d MB (%d MB before), -Xmx %d MB%n", run.billRows(), seconds, cpu / 1e9, peak >> 20,
                usedBefore >> 20, Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("recon: matched %d, provider-only %d, Kept-only %d, amount mismatch %d, duplicates %d%n",
                run.matched(), run.providerOnly(), run.keptOnly(), run.mismatched(), run.duplicates());
        Files.deleteIfExists(bill);
        int thousandths = rows / 1000;
        int failures = 0;
        failures += run.billRows() != rows - thousandths + duplicates ? 1 : 0;
        // a second payment is not in Kept: it is provider-only as well as a duplicate
        failures += run.providerOnly() < thousandths || run.providerOnly() > thousandths + duplicates ? 1 : 0;
        failures += run.keptOnly() != thousandths ? 1 : 0;
        failures += run.mismatched() != thousandths ? 1 : 0;
        failures += run.duplicates() != duplicates ? 1 : 0;
        failures += run.matched() != rows - 3L * thousandths ? 1 : 0;
        return failures;
    }

    private static int row(BufferedWriter w, LocalDate day, String txn, String orderNo, long minor) throws java.io.IOException {
        String amount = minor / 100 + "." + String.format("%02d", minor % 100);
        w.write("`" + day + " 12:00:00,`wx0001,`1900000001,`0,`,`" + txn + ",`" + orderNo + ",`oUser,`JSAPI,`SUCCESS,"
                + "`CMB_CREDIT,`CNY,`" + amount + ",`0.00,`,`,`0.00,`0.00,`,`,`耳机,`,`0.01,`0.60%,`" + amount + ",`0.00,`\n");
        return 1;
    }

    /** Wall time, this JVM's CPU and this database's PostgreSQL backends' CPU (from /proc) at the end of each phase. */
    static final class PhaseClock implements ReconDesk.Phases {
        private final JdbcClient jdbc;
        private final java.util.Set<Integer> pids = new java.util.HashSet<>();
        private final List<String> lines = new java.util.ArrayList<>();
        private long wall = System.nanoTime(), cpu = jvmCpu(), pg;

        PhaseClock(JdbcClient jdbc) {
            this.jdbc = jdbc;
            pg = backendTicks();
        }

        @Override
        public void ended(String phase) {
            long w = System.nanoTime(), c = jvmCpu(), b = backendTicks();
            lines.add(String.format("recon phase %-10s %7.1f s wall, %6.1f s JVM CPU, %6.1f s PostgreSQL CPU, load %s",
                    phase, (w - wall) / 1e9, (c - cpu) / 1e9, (b - pg) / 100.0, RoutingBenchmark.loadAverage()));
            wall = w;
            cpu = c;
            pg = b;
        }

        @Override
        public void spent(String part, long nanos) {
            lines.add(String.format("recon part  %-10s %7.1f s wall (inside the phase)", part, nanos / 1e9));
        }

        void print() {
            lines.forEach(System.out::println);
        }

        private long backendTicks() {
            try {
                pids.addAll(jdbc.sql("select pid from pg_stat_activity where datname = current_database()")
                        .query(Integer.class).list());
            } catch (RuntimeException h2) {
                return 0;
            }
            return RoutingBenchmark.backendTicks(List.copyOf(pids));
        }

        private static long jvmCpu() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }
    }
}
