package org.kept.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kept.KeptApplication;
import org.kept.phone.internal.IntegrationStore;
import org.kept.phone.internal.PbxAuth;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * CTI events per second with the screen pop delivered (issue 11): Kept in process (test profile; H2 in memory, or
 * PostgreSQL with KEPT_TEST_DB_URL), {@code agents} agents each with a push stream open over HTTP (an SSE client per
 * agent, as their browsers), signed newCall events posted at a fixed rate from a bounded pool of sender threads, each
 * for the next agent in turn. Latency runs from the event's <em>scheduled</em> send time (a driver that falls behind
 * does not hide the server's queueing) to the pop's line on that agent's stream. A warm-up phase at the same rate comes
 * first and is not counted (the streams open after it). CPU: the process's CPU time over the measured phase (server
 * and driver, one JVM: an upper bound for the server) divided by the accepted events.
 * Args: rate per second (200), seconds (15), agents (20), warm-up seconds (10), sender threads (32).
 */
public final class CtiBenchmark {

    private static final Pattern CALL = Pattern.compile("\"callId\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int agentCount = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 32;
        ConfigurableApplicationContext app = SpringApplication.run(KeptApplication.class, "--server.port=0",
                "--spring.profiles.active=test", "--logging.level.root=warn", "--logging.level.org.kept=warn");
        try {
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            String hash = app.getBean(PasswordEncoder.class).encode("bench-pass");
            long run = System.nanoTime();
            List<String> agents = new ArrayList<>();
            for (int a = 0; a < agentCount; a++) {
                String username = "bench-" + run + "-" + a;
                jdbc.sql("insert into app_user (username, password_hash, display_name, agent_no, role_code, enabled, created_at) "
                        + "values (?, ?, ?, ?, 'AGENT', true, ?)").params(username, hash, "压测坐席" + a, "B" + run % 100000 + a,
                        OffsetDateTime.now()).update();
                agents.add(username);
            }
            IntegrationStore.Integration pbx = app.getBean(IntegrationStore.class).create("bench-" + run, Instant.now());
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            Map<String, Long> due = new ConcurrentHashMap<>();
            List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicInteger wrongAgent = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(threads);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            System.out.printf("load average before: %s", Files.readString(Path.of("/proc/loadavg")));
            Phase warm = phase("warm", http, base, pbx, agents, rate, warmup, senders, due, false);
            System.out.printf("warm-up: %d accepted, %d failed%n", warm.accepted.get(), warm.failed.get());
            Thread.sleep(2000);
            // the agents' streams open now (a stream ends after at most 300 s, and a loaded machine's warm-up can take
            // minutes): what is measured is each pop on a stream that was open when its event was sent
            CountDownLatch hello = new CountDownLatch(agentCount);
            for (int a = 0; a < agentCount; a++) {
                String username = agents.get(a);
                String token = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/tokens"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                "{\"username\":\"" + username + "\",\"password\":\"bench-pass\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()).body().replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
                String mine = "-a" + a + "-";
                http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/push?seconds=300"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofLines())
                        .thenAccept(r -> r.body().forEach(line -> {
                            long now = System.nanoTime();
                            if (line.equals("event:hello")) {
                                hello.countDown();
                            }
                            Matcher m = CALL.matcher(line);
                            if (line.startsWith("data:") && m.find()) {
                                if (!m.group(1).contains(mine)) {
                                    wrongAgent.incrementAndGet();
                                }
                                Long at = due.remove(m.group(1));
                                if (at != null && at > 0) {
                                    latencies.add(now - at);
                                }
                            }
                        }));
            }
            if (!hello.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not every agent's stream said hello");
            }
            latencies.clear();
            long cpu0 = os.getProcessCpuTime();
            long gc0 = gcMillis();
            long t0 = System.nanoTime();
            Phase measured = phase("m", http, base, pbx, agents, rate, seconds, senders, due, true);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(2000);
            long cpu = os.getProcessCpuTime() - cpu0;
            long gc = gcMillis() - gc0;
            senders.shutdownNow();
            List<Long> sorted = new ArrayList<>(latencies);
            sorted.sort(null);
            int total = rate * seconds;
            System.out.printf("load average after: %s", Files.readString(Path.of("/proc/loadavg")));
            System.out.printf("offered %d/s for %d s to %d agents: %d accepted, %d failed in %.1f s (%.0f/s); pops %d "
                            + "(%d to a wrong agent); event→pop p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms; "
                            + "CPU %.2f ms/accepted event (process, driver included), GC %d ms%n", rate, seconds, agentCount,
                    measured.accepted.get(), measured.failed.get(), elapsed, measured.accepted.get() / elapsed,
                    sorted.size(), wrongAgent.get(), pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99),
                    pct(sorted, 1.0), cpu / 1e6 / Math.max(1, measured.accepted.get()), gc);
        } finally {
            app.close();
            System.exit(0);
        }
    }

    private record Phase(AtomicInteger accepted, AtomicInteger failed) {
    }

    /** Posts {@code rate × seconds} events at their scheduled instants from the bounded sender pool; waits for them. */
    private static Phase phase(String name, HttpClient http, String base, IntegrationStore.Integration pbx, List<String> agents,
                               int rate, int seconds, ExecutorService senders, Map<String, Long> due, boolean timed)
            throws InterruptedException {
        int total = rate * seconds;
        Phase p = new Phase(new AtomicInteger(), new AtomicInteger());
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long at = start + i * interval;
            int a = i % agents.size();
            String callId = "bench-" + name + "-a" + a + "-" + i;
            int n = i;
            senders.execute(() -> {
                long wait = at - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                String raw = "{\"event\":\"newCall\",\"callId\":\"" + callId + "\",\"from\":\"1380013"
                        + String.format("%04d", n % 10000) + "\",\"to\":\"95598\",\"direction\":\"in\",\"queue\":\"bench\","
                        + "\"user\":\"" + agents.get(a) + "\"}";
                byte[] body = raw.getBytes(StandardCharsets.UTF_8);
                due.put(callId, timed ? at : 0L);
                try {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/cti/events"))
                            .header("Content-Type", "application/json").header("X-Kept-Integration", pbx.name())
                            .header("X-Kept-Signature", "sha256=" + PbxAuth.sign(pbx.secret(), body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
                    (r.statusCode() == 200 ? p.accepted : p.failed).incrementAndGet();
                } catch (Exception e) {
                    p.failed.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await(seconds + 900L, TimeUnit.SECONDS);
        return p;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    private static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
    }
}
