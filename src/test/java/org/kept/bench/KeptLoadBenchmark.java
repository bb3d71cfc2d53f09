package org.kept.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * A bounded load driver for a running Kept, over loopback HTTP. Not a test: surefire skips {@code *Benchmark*}.
 * <ul>
 *   <li>{@code create}: {@code POST /api/v1/tickets} from N clients (a fixed pool of platform threads, one request in
 *   flight each), a warm-up of W requests, then C measured requests: throughput and latency percentiles.</li>
 *   <li>{@code queue}: {@code GET /api/v1/tickets} queue pages (team + state, sorted by priority then age) in several
 *   shapes (one state, the four active states, deeper pages), each W + C requests from N clients.</li>
 *   <li>{@code search}: ticket search ({@code q}) over all tickets for a word a tenth of them hold, a rare one, one
 *   none holds, within a team's open queue, a deeper page; customer search by name and by phone.</li>
 * </ul>
 * Options: {@code --url http://127.0.0.1:18181 --user agent --password demo --clients 32 --warmup 5000 --count 30000
 * --teams 1,2,3,4 --customers 200 --idempotency false --mix plain|realistic|floor --pgbench-seconds 0 --pgbench-db kept_perf --client jdk|loopback --rate 0 (requests a second, 0 for as fast as the clients go)}. See docs/benchmarks.md for the commands behind each figure.
 */
public final class KeptLoadBenchmark {

    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\\{\\s*\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
    private static final String[] SUBJECTS = {"话费账单比上月多了 58 元，想查一下明细", "订单显示已签收但没收到货",
        "手机号换了，怎么修改账户绑定的号码", "退货已寄回一周了，退款什么时候到账", "空调上礼拜买的，到现在没人联系安装"};

    private final Map<String, String> opts;
    private final HttpClient http;
    private final String base;

    private KeptLoadBenchmark(Map<String, String> opts) {
        this.opts = opts;
        this.base = opt("url", "http://127.0.0.1:18181");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4, r -> daemon(r, "http-client")))
                .build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !List.of("create", "queue", "search").contains(args[0])) {
            System.err.println("usage: KeptLoadBenchmark create|queue|search [--url U] [--clients N] [--warmup W] [--count C] ...");
            System.exit(2);
        }
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        KeptLoadBenchmark bench = new KeptLoadBenchmark(opts);
        switch (args[0]) {
            case "create" -> bench.create();
            case "queue" -> bench.queue();
            default -> bench.search();
        }
        System.exit(0);
    }

    private void create() throws Exception {
        int clients = intOpt("clients", 32);
        int warmup = intOpt("warmup", 5_000);
        int count = intOpt("count", 30_000);
        boolean idempotency = Boolean.parseBoolean(opt("idempotency", "false"));
        String mix = opt("mix", "plain");
        String token = login();
        long[] teams = longs(opt("teams", "1,2,3,4"));
        List<Long> customers = customers(token, intOpt("customers", 200));
        String run = UUID.randomUUID().toString().substring(0, 8);
        System.out.printf("create: %s, %d clients, warm-up %d, measured %d, idempotency keys %s, %d customers, teams %s, mix %s, client %s%n",
                base, clients, warmup, count, idempotency, customers.size(), opt("teams", "1,2,3,4"), mix, opt("client", "jdk"));
        System.out.println("  load average before: " + loadAverage());
        IntFunction<HttpRequest> request = i -> {
            String body = mix.equals("plain") ? plain(i, run, customers, teams) : realistic(i, run, customers, teams);
            if (mix.equals("floor")) {
                // the realistic request with a priority no centre has: read, refused (400) and answered with a problem
                // body before any of the create's work, so its cost is the framework's floor under a create
                body = body.replaceFirst("\"priority\":\"P\\d\"", "\"priority\":\"P9\"");
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/tickets"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
            if (idempotency) {
                b.header("Idempotency-Key", run + "-" + i);
            }
            return b.build();
        };
        int expected = mix.equals("floor") ? 400 : 201;
        Result warm = drive(clients, warmup, 0, request, expected);
        System.out.println("warm-up   " + warm);
        Result measured = drive(clients, count, warmup, request, expected);
        System.out.println("measured  " + measured);
        System.out.println("  load average after: " + loadAverage());
        int pgbenchSeconds = intOpt("pgbench-seconds", 0);
        if (pgbenchSeconds > 0) {
            double tps = pgbench(clients, pgbenchSeconds);
            double created = measured.count() / (measured.nanos() / 1e9);
            System.out.printf("pgbench   %.0f comparable transactions/s (%d clients, %d s, script %s); Kept creates %.0f/s = %.1f %% of it%n",
                    tps, clients, pgbenchSeconds, opt("pgbench-script", "src/test/resources/bench/create-like.pgbench"),
                    created, 100 * created / tps);
        }
    }

    /** The first driver's request: random customer of the list and team, priority P1–P4 in turn, a complaint in seven. */
    private static String plain(int i, String run, List<Long> customers, long[] teams) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "{\"type\":\"" + (i % 7 == 0 ? "COMPLAINT" : "INQUIRY") + "\",\"priority\":\"P" + (1 + i % 4)
                + "\",\"subject\":\"" + SUBJECTS[i % SUBJECTS.length] + " #" + i + "\",\"description\":\"客户来电反映："
                + SUBJECTS[(i + 1) % SUBJECTS.length] + "，请尽快处理。load " + run + "-" + i + "\",\"customerId\":"
                + customers.get(r.nextInt(customers.size())) + ",\"teamId\":" + teams[r.nextInt(teams.length)] + "}";
    }

    /**
     * A centre's day: a third of the tickets for one busy corporate customer (the first of the list), the rest spread
     * over all customers; a quarter P1 (escalated to a lead at once), one in twenty with a word the keyword rule
     * escalates to the major-complaints group, one in five a complaint, a third with a contact phone.
     */
    private static String realistic(int i, String run, List<Long> customers, long[] teams) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long customer = r.nextInt(3) == 0 ? customers.get(0) : customers.get(r.nextInt(customers.size()));
        String priority = r.nextInt(4) == 0 ? "P1" : "P" + (2 + r.nextInt(3));
        boolean keyword = r.nextInt(20) == 0;
        String subject = SUBJECTS[r.nextInt(SUBJECTS.length)] + (keyword ? "，再不处理我就找媒体曝光" : "") + " #" + i;
        String phone = r.nextInt(3) == 0 ? ",\"contactPhone\":\"1380013" + String.format("%04d", r.nextInt(10_000)) + "\"" : "";
        return "{\"type\":\"" + (r.nextInt(5) == 0 ? "COMPLAINT" : "INQUIRY") + "\",\"priority\":\"" + priority
                + "\",\"subject\":\"" + subject + "\",\"description\":\"客户来电反映：" + SUBJECTS[r.nextInt(SUBJECTS.length)]
                + "，请尽快处理。load " + run + "-" + i + "\",\"customerId\":" + customer + phone + ",\"teamId\":"
                + teams[r.nextInt(teams.length)] + "}";
    }

    /**
     * What PostgreSQL alone commits in the same run: pgbench with a ticket-like transaction (three inserts and an
     * update, see the script), as many clients as the driver, against {@code --pgbench-db} (tables in schema pgb).
     */
    private double pgbench(int clients, int seconds) throws Exception {
        String db = opt("pgbench-db", "kept_perf");
        String script = opt("pgbench-script", "src/test/resources/bench/create-like.pgbench");
        List<String> connect = List.of("-h", opt("pgbench-host", "127.0.0.1"), "-U", opt("pgbench-user", "postgres"));
        List<String> setup = new ArrayList<>(List.of("psql", "-q", "-v", "ON_ERROR_STOP=1"));
        setup.addAll(connect);
        setup.addAll(List.of("-d", db, "-f", opt("pgbench-setup", "src/test/resources/bench/create-like-setup.sql")));
        run(setup);
        List<String> bench = new ArrayList<>(List.of("pgbench", "-n", "-c", String.valueOf(clients), "-j", "2", "-T",
                String.valueOf(seconds), "-f", script));
        bench.addAll(connect);
        bench.add(db);
        String out = run(bench);
        Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("pgbench said: " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "?";
        }
    }

    private void queue() throws Exception {
        int clients = intOpt("clients", 8);
        int warmup = intOpt("warmup", 1_000);
        int count = intOpt("count", 5_000);
        String token = login();
        long[] teams = longs(opt("teams", "1,2,3,4"));
        String active = "state=NEW&state=OPEN&state=PENDING_CUSTOMER&state=PENDING_INTERNAL";
        Map<String, String> shapes = new LinkedHashMap<>();
        shapes.put("open p0", "state=OPEN&sort=priority&size=25&page=0");
        shapes.put("active p0", active + "&sort=priority&size=25&page=0");
        shapes.put("open p10", "state=OPEN&sort=priority&size=25&page=10");
        shapes.put("active p10", active + "&sort=priority&size=25&page=10");
        shapes.put("open p100", "state=OPEN&sort=priority&size=25&page=100");
        shapes.put("open -created p0", "state=OPEN&sort=-created&size=25&page=0");
        System.out.printf("queue: %s, %d clients, warm-up %d, measured %d per shape, teams %s%n", base, clients, warmup, count,
                opt("teams", "1,2,3,4"));
        Map<String, IntFunction<String>> paths = new LinkedHashMap<>();
        shapes.forEach((name, query) -> paths.put(name, i -> "/api/v1/tickets?team=" + teams[i % teams.length] + "&" + query));
        measure(paths, token, clients, warmup, count);
    }

    /** Ticket and customer search; the words are those million-tickets.sql writes into subjects and names. */
    private void search() throws Exception {
        int clients = intOpt("clients", 8);
        int warmup = intOpt("warmup", 200);
        int count = intOpt("count", 2_000);
        String token = login();
        long[] teams = longs(opt("teams", "1,2,3,4"));
        Map<String, IntFunction<String>> paths = new LinkedHashMap<>();
        paths.put("tickets 账单 (a tenth)", i -> "/api/v1/tickets?q=" + enc("账单"));
        paths.put("tickets 投诉升级 (0.1 %)", i -> "/api/v1/tickets?q=" + enc("投诉升级"));
        paths.put("tickets 没有这词 (none)", i -> "/api/v1/tickets?q=" + enc("没有这词"));
        paths.put("tickets team open 宽带报修", i -> "/api/v1/tickets?team=" + teams[i % teams.length] + "&state=OPEN&q=" + enc("宽带报修"));
        paths.put("tickets 账单 page 10", i -> "/api/v1/tickets?page=10&q=" + enc("账单"));
        paths.put("tickets 账单 -created", i -> "/api/v1/tickets?sort=-created&q=" + enc("账单"));
        paths.put("customers name 王伟", i -> "/api/v1/customers?q=" + enc("王伟"));
        paths.put("customers phone", i -> "/api/v1/customers?q=" + enc("+86139" + String.format("%08d", 1 + i % 90_000)));
        System.out.printf("search: %s, %d clients, warm-up %d, measured %d per shape%n", base, clients, warmup, count);
        measure(paths, token, clients, warmup, count);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void measure(Map<String, IntFunction<String>> paths, String token, int clients, int warmup, int count) throws Exception {
        String only = opt("shapes", "");
        for (Map.Entry<String, IntFunction<String>> shape : paths.entrySet()) {
            if (!only.isEmpty() && !List.of(only.split(",")).contains(shape.getKey())) {
                continue;
            }
            IntFunction<HttpRequest> request = i -> HttpRequest.newBuilder(URI.create(base + shape.getValue().apply(i)))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(30)).GET().build();
            HttpResponse<String> sample = http.send(request.apply(0), HttpResponse.BodyHandlers.ofString());
            Matcher total = TOTAL.matcher(sample.body());
            int rows = Math.max(count(Pattern.compile("\"number\""), sample.body()), count(Pattern.compile("\"tier\""), sample.body()));
            drive(clients, warmup, 0, request, 200);
            Result r = drive(clients, count, warmup, request, 200);
            System.out.printf("%-28s rows/page %2d, total %s | %s%n", shape.getKey(), rows,
                    total.find() ? total.group(1) : "?", r);
        }
    }

    /** Sends {@code count} requests from {@code clients} threads, one in flight per thread. */
    private Result drive(int clients, int count, int offset, IntFunction<HttpRequest> request, int expected) throws Exception {
        Histogram[] histograms = new Histogram[clients];
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        AtomicLong firstError = new AtomicLong(-1);
        String[] errorSample = new String[1];
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> daemon(r, "client"));
        List<Future<?>> running = new ArrayList<>();
        // --rate R: an open load of R requests a second, each due at its turn; its latency counts from when it was due,
        // so a server that falls behind shows the wait of the requests queued behind (no coordinated omission)
        double rate = Double.parseDouble(opt("rate", "0"));
        long[] cpuBefore = cpu();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            histograms[c] = h;
            running.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    HttpRequest req = request.apply(offset + i);
                    long t0 = System.nanoTime();
                    if (rate > 0) {
                        long due = start + (long) (i * 1e9 / rate);
                        java.util.concurrent.locks.LockSupport.parkNanos(due - t0);
                        t0 = due;
                    }
                    try {
                        LoopbackHttp.Answer res = send(req);
                        long micros = (System.nanoTime() - t0) / 1_000;
                        h.recordValue(Math.min(micros, h.getHighestTrackableValue()));
                        if (res.status() != expected) {
                            errors.incrementAndGet();
                            if (firstError.compareAndSet(-1, res.status())) {
                                errorSample[0] = res.status() + " " + res.body();
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        if (firstError.compareAndSet(-1, 0)) {
                            errorSample[0] = e.toString();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        long elapsed = System.nanoTime() - start;
        long[] cpuAfter = cpu();
        pool.shutdown();
        Histogram all = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        for (Histogram h : histograms) {
            all.add(h);
        }
        if (errorSample[0] != null) {
            System.out.println("  first error: " + errorSample[0].substring(0, Math.min(300, errorSample[0].length())));
        }
        long[] used = new long[3];
        for (int i = 0; i < 3; i++) {
            used[i] = cpuAfter[i] - cpuBefore[i];
        }
        return new Result(count, errors.get(), elapsed, all, used);
    }

    /** Through the JDK's client ({@code --client jdk}, the default, as every figure before §32) or the lean loopback one ({@code --client loopback}). */
    private LoopbackHttp.Answer send(HttpRequest req) throws Exception {
        if (opt("client", "jdk").equals("jdk")) {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            return new LoopbackHttp.Answer(res.statusCode(), res.body());
        }
        return LoopbackHttp.send(req);
    }

    /**
     * CPU used so far, in ms, by: the server ({@code --server-pid}), all processes named postgres (the whole cluster,
     * other databases included), and this driver. Lets a run on a shared machine say what one request costs.
     */
    private long[] cpu() {
        long server = opts.containsKey("server-pid") ? procCpuMs(Long.parseLong(opts.get("server-pid"))) : 0;
        long postgres = 0;
        java.io.File[] procs = new java.io.File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
        if (procs != null) {
            for (java.io.File f : procs) {
                try {
                    if (java.nio.file.Files.readString(f.toPath().resolve("comm")).strip().equals("postgres")) {
                        postgres += procCpuMs(Long.parseLong(f.getName()));
                    }
                } catch (Exception gone) {
                    // the process ended meanwhile
                }
            }
        }
        long self = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
        return new long[] {server, postgres, self};
    }

    private static long procCpuMs(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // utime + stime, at 100 ticks per second
        } catch (Exception e) {
            return 0;
        }
    }

    private record Result(int count, long errors, long nanos, Histogram h, long[] cpuMs) {
        @Override
        public String toString() {
            return String.format("%d requests in %.2f s = %.0f req/s, errors %d, latency ms p50 %.2f p95 %.2f p99 %.2f max %.2f"
                            + " | CPU ms/request: server %.2f, postgres %.2f, driver %.2f",
                    count, nanos / 1e9, count / (nanos / 1e9), errors, ms(50), ms(95), ms(99), h.getMaxValue() / 1000.0,
                    (double) cpuMs[0] / count, (double) cpuMs[1] / count, (double) cpuMs[2] / count);
        }

        private double ms(double percentile) {
            return h.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private String login() throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + opt("user", "agent") + "\",\"password\":\""
                        + opt("password", "demo") + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = TOKEN.matcher(res.body());
        if (res.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("login failed: " + res.statusCode() + " " + res.body());
        }
        return m.group(1);
    }

    private List<Long> customers(String token, int limit) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/customers?limit=" + Math.min(limit, 100)))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        List<Long> ids = new ArrayList<>();
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(res.body());
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("no customers: " + res.statusCode() + " " + res.body());
        }
        return ids;
    }

    private static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private String opt(String name, String fallback) {
        return opts.getOrDefault(name, fallback);
    }

    private int intOpt(String name, int fallback) {
        return Integer.parseInt(opt(name, String.valueOf(fallback)));
    }

    private static long[] longs(String csv) {
        return java.util.Arrays.stream(csv.split(",")).mapToLong(Long::parseLong).toArray();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
