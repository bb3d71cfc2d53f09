package org.kept.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * PostgreSQL with KEPT_TEST_DB_URL), one agent's push stream open over HTTP, signed newCall events posted at a fixed
 * rate for that agent; measures from each event's send to its pop's arrival on the stream.
 * Args: rate per second (200), seconds (15).
 */
public final class CtiBenchmark {

    private static final Pattern CALL = Pattern.compile("\"callId\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        ConfigurableApplicationContext app = SpringApplication.run(KeptApplication.class, "--server.port=0",
                "--spring.profiles.active=test", "--logging.level.root=warn", "--logging.level.org.kept=warn");
        try {
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            String username = "bench-" + System.nanoTime();
            jdbc.sql("insert into app_user (username, password_hash, display_name, agent_no, role_code, enabled, created_at) "
                    + "values (?, ?, ?, ?, 'AGENT', true, ?)").params(username,
                    app.getBean(PasswordEncoder.class).encode("bench-pass"), "压测坐席", "B001", OffsetDateTime.now()).update();
            IntegrationStore.Integration pbx = app.getBean(IntegrationStore.class).create("bench-" + System.nanoTime(), Instant.now());
            HttpClient http = HttpClient.newHttpClient();
            String token = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/tokens"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"" + username + "\",\"password\":\"bench-pass\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");

            Map<String, Long> sent = new ConcurrentHashMap<>();
            List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch hello = new CountDownLatch(1);
            http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/push?seconds=300"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(r -> r.body().forEach(line -> {
                        long now = System.nanoTime();
                        if (line.equals("event:hello")) {
                            hello.countDown();
                        }
                        Matcher m = CALL.matcher(line);
                        if (line.startsWith("data:") && m.find()) {
                            Long at = sent.get(m.group(1));
                            if (at != null) {
                                latencies.add(now - at);
                            }
                        }
                    }));
            hello.await(10, TimeUnit.SECONDS);

            int total = rate * seconds;
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicInteger next = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(total);
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            long start = System.nanoTime();
            ticker.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i >= total) {
                    return;
                }
                String callId = "bench-" + i;
                String raw = "{\"event\":\"newCall\",\"callId\":\"" + callId + "\",\"from\":\"1380013" + String.format("%04d", i % 10000)
                        + "\",\"to\":\"95598\",\"direction\":\"in\",\"queue\":\"bench\",\"user\":\"" + username + "\"}";
                byte[] body = raw.getBytes(StandardCharsets.UTF_8);
                sent.put(callId, System.nanoTime());
                http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/cti/events"))
                        .header("Content-Type", "application/json").header("X-Kept-Integration", pbx.name())
                        .header("X-Kept-Signature", "sha256=" + PbxAuth.sign(pbx.secret(), body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
                        .whenComplete((r, e) -> {
                            if (e == null && r.statusCode() == 200) {
                                accepted.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                            done.countDown();
                        });
            }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
            done.await(seconds + 60L, TimeUnit.SECONDS);
            double elapsed = (System.nanoTime() - start) / 1e9;
            Thread.sleep(2000);
            ticker.shutdownNow();
            List<Long> sorted = new ArrayList<>(latencies);
            sorted.sort(null);
            System.out.printf("offered %d/s for %d s: %d accepted, %d failed in %.1f s (%.0f/s); pops %d; "
                            + "event→pop p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n", rate, seconds, accepted.get(),
                    failed.get(), elapsed, accepted.get() / elapsed, sorted.size(), pct(sorted, 0.50), pct(sorted, 0.95),
                    pct(sorted, 0.99), pct(sorted, 1.0));
        } finally {
            app.close();
            System.exit(0);
        }
    }

    private static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1 < 0 ? 0 : Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
