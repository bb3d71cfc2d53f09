package org.kept.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Chat message latency agent → customer with many open chats (docs/benchmarks.md). Not in the suite (surefire skips
 * {@code *Benchmark*}); run by name: {@code ./mvnw -o -q test -Dtest=ChatBenchmark -Dkept.bench.chats=500}, with
 * {@code KEPT_TEST_DB_URL} for PostgreSQL (then every push goes through NOTIFY and the relay's listener). Opens the
 * chats (each agent opens and accepts its share, the 10 agents in parallel), opens every chat's server-sent event
 * stream over HTTP as the customer's browser does, and times from the agent's POST to the moment the customer's stream
 * has the message; the agents send from 10 threads.
 */
@KeptTest
class ChatBenchmark {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    @Test
    void agentToCustomerLatency() throws Exception {
        int chats = Integer.getInteger("kept.bench.chats", 500);
        int rounds = Integer.getInteger("kept.bench.rounds", 4);
        List<Api> agents = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CurrentUser agent = fixtures.user("AGENT");
            agents.add(fixtures.api(agent));
        }
        Api anyone = fixtures.api();
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        long[] ids = new long[chats];
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        long[] latencies = new long[chats * rounds];
        int[] measured = {0};
        CountDownLatch all = new CountDownLatch(chats * rounds);
        List<Runnable> stops = new ArrayList<>();
        // the setup: each agent opens and accepts its own chats, the ten agents in parallel (an accept makes a ticket,
        // about 100 ms of work on a loaded machine: one after the other, 500 took most of ten minutes)
        long[] startNanos = new long[chats];
        long[] acceptNanos = new long[chats];
        long setup = System.nanoTime();
        java.util.concurrent.ExecutorService openers = java.util.concurrent.Executors.newFixedThreadPool(
                Integer.getInteger("kept.bench.setup-threads", 10));
        List<java.util.concurrent.Future<?>> opened = new ArrayList<>();
        for (int a = 0; a < 10; a++) {
            int agent = a;
            opened.add(openers.submit(() -> {
                for (int i = agent; i < chats; i += 10) {
                    long t0 = System.nanoTime();
                    String token = anyone.post("/api/v1/chat/conversations", body("name", "压测" + i, "email", "bench" + i + "@example.com"))
                            .expect(201).json().path("token").asString();
                    ids[i] = jdbc.sql("select id from chat_conversation where token = ?").param(token).query(Long.class).single();
                    long t1 = System.nanoTime();
                    agents.get(agent).post("/api/v1/chats/" + ids[i] + "/accept", body()).expect(200);
                    startNanos[i] = t1 - t0;
                    acceptNanos[i] = System.nanoTime() - t1;
                    // the customer's browser: the chat's own server-sent event stream, read line by line
                    var stream = http.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                    fixtures.baseUrl() + "/api/v1/chat/conversations/" + token + "/stream?seconds=300")).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofLines());
                    var lines = new java.util.concurrent.atomic.AtomicReference<java.util.stream.Stream<String>>();
                    stream.thenAccept(r -> {
                        lines.set(r.body());
                        try {
                            r.body().forEach(line -> {
                                if (!line.startsWith("data:") || !line.contains("\"clientId\":\"")) {
                                    return;
                                }
                                int at = line.indexOf("\"clientId\":\"") + 12;
                                Long sent = sentAt.remove(line.substring(at, line.indexOf('"', at)));
                                if (sent != null) {
                                    synchronized (latencies) {
                                        latencies[measured[0]++] = System.nanoTime() - sent;
                                    }
                                    all.countDown();
                                }
                            });
                        } catch (java.io.UncheckedIOException closed) {
                            // the driver closed the stream at the end
                        }
                    });
                    Runnable stop = () -> {
                        if (lines.get() != null) {
                            lines.get().close();
                        }
                    };
                    synchronized (stops) {
                        stops.add(stop);
                    }
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : opened) {
            f.get();
        }
        openers.shutdown();
        long[] s = startNanos.clone();
        long[] acc = acceptNanos.clone();
        Arrays.sort(s);
        Arrays.sort(acc);
        System.out.printf("setup: %d chats opened and accepted by 10 agents in parallel in %.1f s; start p50 %.0f ms, "
                        + "accept p50 %.0f ms p99 %.0f ms%n", chats, (System.nanoTime() - setup) / 1e9, s[chats / 2] / 1e6,
                acc[chats / 2] / 1e6, acc[(int) (chats * 0.99)] / 1e6);
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int a = 0; a < 10; a++) {
            int agent = a;
            Thread t = new Thread(() -> {
                for (int r = 0; r < rounds; r++) {
                    for (int i = agent; i < chats; i += 10) {
                        String clientId = "bench-" + r + "-" + i + "-" + System.nanoTime();
                        sentAt.put(clientId, System.nanoTime());
                        agents.get(agent).post("/api/v1/chats/" + ids[i] + "/messages", body("clientId", clientId, "body", "压测回复"))
                                .expect(201);
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(all.await(60, TimeUnit.SECONDS)).isTrue();
        double seconds = (System.nanoTime() - started) / 1e9;
        stops.forEach(Runnable::run);
        long[] sorted = Arrays.copyOf(latencies, measured[0]);
        Arrays.sort(sorted);
        System.out.printf("chat agent→customer, %d open chats, %d messages from 10 agents in %.1f s (%.0f/s): p50 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms%n", chats, sorted.length, seconds, sorted.length / seconds,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}
