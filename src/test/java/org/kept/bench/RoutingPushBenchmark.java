package org.kept.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.kept.KeptApplication;
import org.kept.contact.internal.PgPushListener;
import org.kept.identity.CurrentUser;
import org.kept.routing.PresenceState;
import org.kept.routing.Routing;
import org.kept.routing.internal.PresenceDesk;
import org.kept.routing.internal.Router;
import org.kept.routing.internal.RoutingQueue;
import org.kept.routing.internal.RuleDesk;
import org.kept.support.Fixtures;
import org.kept.ticket.Channel;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Contact arriving → offer on the agent's browser, across two instances (issue 12): two Kept instances in this JVM (test
 * profile, each with its own pool, HTTP port on loopback and NOTIFY listener, both routers running as in production)
 * on one PostgreSQL database (KEPT_TEST_DB_URL). {@code agents} agents are made available on B and each opens the
 * console's push stream ({@code GET /api/v1/push}) on B; {@code contacts} chats are submitted through
 * {@link Routing#submit} on A, one every {@code gapMs}; the time from submit to the {@code routing-offer} event's data
 * line read from B's stream is recorded. Each offered chat is then withdrawn on A (the customer left), so slots free up.
 * Args: agents (50), contacts (1000), gapMs (20).
 */
public final class RoutingPushBenchmark {

    private static final Pattern ITEM = Pattern.compile("\"itemId\":(\\d+)");

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int contacts = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        long gapMs = args.length > 2 ? Long.parseLong(args[2]) : 20;
        ConfigurableApplicationContext a = start();
        ConfigurableApplicationContext b = start();
        List<HttpResponse<java.util.stream.Stream<String>>> streams = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            Routing routing = a.getBean(Routing.class);
            Fixtures fixtures = b.getAutowireCapableBeanFactory().createBean(Fixtures.class);
            String bUrl = fixtures.baseUrl();
            String skill = "push" + Long.toString(System.nanoTime(), 36);
            RoutingQueue q = a.getBean(RuleDesk.class).save(new RoutingQueue(0, skill, "推送压测", Channel.CHAT, 0,
                    RoutingQueue.Strategy.LONGEST_IDLE, null, null, null, RoutingQueue.ClosedAction.ANSWER, null, null, 600, 0,
                    List.of(new RoutingQueue.Skill(skill, 1))));
            for (ConfigurableApplicationContext app : List.of(a, b)) {
                PgPushListener listener = app.getBean(PgPushListener.class);
                while (!listener.listening()) {
                    Thread.sleep(50);  // a driver, not a test: waits for the NOTIFY listener to be in place
                }
            }

            Map<Long, Long> submitted = new ConcurrentHashMap<>();
            Map<Long, Long> arrived = new ConcurrentHashMap<>();
            Map<Long, String> references = new ConcurrentHashMap<>();
            HttpClient http = HttpClient.newHttpClient();
            CountDownLatch hello = new CountDownLatch(agents);
            for (int i = 0; i < agents; i++) {
                CurrentUser agent = fixtures.user("AGENT");
                b.getBean(RuleDesk.class).replaceSkills(agent.id(), Map.of(skill, 1));
                b.getBean(PresenceDesk.class).choose(agent.id(), PresenceState.AVAILABLE, null, agent.id());
                String token = fixtures.token(agent);
                HttpResponse<java.util.stream.Stream<String>> r = http.send(HttpRequest.newBuilder(
                                URI.create(bUrl + "/api/v1/push?seconds=600")).header("Authorization", "Bearer " + token)
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
                streams.add(r);
                Thread reader = new Thread(() -> {
                    boolean offer = false;
                    var it = r.body().iterator();
                    while (true) {
                        String line;
                        try {
                            if (!it.hasNext()) {
                                break;
                            }
                            line = it.next();
                        } catch (RuntimeException e) {  // UncheckedIOException("closed") once the body is closed
                            if (closing.get()) {
                                return;  // the driver closed the stream at the end: nothing to report
                            }
                            throw e;
                        }
                        if (line.equals("event:hello")) {
                            hello.countDown();
                        }
                        if (offer && line.startsWith("data:")) {
                            long now = System.nanoTime();
                            Matcher m = ITEM.matcher(line);
                            if (m.find()) {
                                arrived.putIfAbsent(Long.parseLong(m.group(1)), now);
                            }
                        }
                        offer = line.equals("event:" + Router.OFFER_EVENT);
                    }
                }, "console-" + i);
                reader.setDaemon(true);
                reader.start();
            }
            if (!hello.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not every console stream opened");
            }
            Thread.sleep(2000);  // let instance A's index take in the agents B made available (it reloads every second)
            System.out.printf("%d agents on B's console, submitting %d chats on A one every %d ms; load average %s%n",
                    agents, contacts, gapMs, loadAverage());

            Thread withdraw = new Thread(() -> {
                // the customer leaves once the offer is on screen: the agent's slot is free for the next chat
                while (!Thread.currentThread().isInterrupted()) {
                    for (Long id : arrived.keySet()) {
                        String ref = references.remove(id);
                        if (ref != null) {
                            routing.cancel(Channel.CHAT, ref);
                        }
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "withdraw");
            withdraw.setDaemon(true);
            withdraw.start();
            long begin = System.nanoTime();
            for (int i = 0; i < contacts; i++) {
                long next = begin + i * gapMs * 1_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                }
                String ref = skill + "-" + i;
                long t = System.nanoTime();
                long id = routing.submit(new Routing.WorkRequest(Channel.CHAT, q.code(), ref, 0, null)).itemId();
                submitted.put(id, t);
                references.put(id, ref);
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (arrived.keySet().containsAll(submitted.keySet()) == false && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            withdraw.interrupt();
            Histogram h = new Histogram(3_600_000_000L, 3);
            int missing = 0;
            for (var e : submitted.entrySet()) {
                Long at = arrived.get(e.getKey());
                if (at == null) {
                    missing++;
                } else {
                    h.recordValue(Math.max(1, (at - e.getValue()) / 1000));
                }
            }
            System.out.printf("submit on A -> offer on B's console (%d chats, %d arrived, %d not within 30 s): p50 %.1f ms, "
                            + "p95 %.1f ms, p99 %.1f ms, max %.1f ms; load average %s%n", submitted.size(), h.getTotalCount(),
                    missing, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, loadAverage());
            references.forEach((id, ref) -> routing.cancel(Channel.CHAT, ref));
        } finally {
            closing.set(true);
            streams.forEach(r -> r.body().close());
            b.close();
            a.close();
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(KeptApplication.class).profiles("test")
                .run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                        "--logging.level.root=warn", "--logging.level.org.kept=warn",
                        "--kept.routing.poller-enabled=true", "--kept.routing.poll-delay=PT1S",
                        "--spring.datasource.hikari.maximum-pool-size=8");
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
