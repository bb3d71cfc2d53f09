package org.kept.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.kept.KeptApplication;
import org.kept.routing.Routing;
import org.kept.routing.internal.Router;
import org.kept.routing.internal.RoutingQueue;
import org.kept.routing.internal.RuleDesk;
import org.kept.ticket.Channel;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Routing decisions (issue 12): Kept in process (test profile, router poller off; H2 in memory, or PostgreSQL with
 * KEPT_TEST_DB_URL), {@code agents} agents available with a skill, {@code waiting} emails waiting in one queue that
 * needs it (capacity 5 emails per agent).
 * <ol>
 *   <li>throughput: router passes until every agent is full; decisions per second = offers / wall time of the passes.</li>
 *   <li>latency: {@code samples} times, one offered item is closed (a slot frees) and one pass is timed: the time from a
 *   free slot to its offer, with the whole queue still waiting behind it.</li>
 * </ol>
 * Args: agents (500), waiting (5000), samples (1000).
 */
public final class RoutingBenchmark {

    public static void main(String[] args) {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int waiting = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        ConfigurableApplicationContext app = SpringApplication.run(KeptApplication.class, "--server.port=0",
                "--spring.profiles.active=test", "--logging.level.root=warn", "--logging.level.org.kept=warn");
        try {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            Router router = app.getBean(Router.class);
            Routing routing = app.getBean(Routing.class);
            String skill = "bench" + Long.toString(System.nanoTime(), 36);
            RoutingQueue q = app.getBean(RuleDesk.class).save(new RoutingQueue(0, skill, "压测队列", Channel.EMAIL, 0,
                    RoutingQueue.Strategy.LONGEST_IDLE, null, null, null, RoutingQueue.ClosedAction.ANSWER, null, null, 600, 0,
                    List.of(new RoutingQueue.Skill(skill, 1))));
            long base = 900_000_000L + (System.nanoTime() % 1_000_000) * 1000;
            Instant now = Instant.now();
            for (int i = 0; i < agents; i++) {
                long id = base + i;
                jdbc.sql("insert into routing_presence (user_id, state, since, idle_since) values (?, 'AVAILABLE', ?, ?)")
                        .params(id, now.atOffset(java.time.ZoneOffset.UTC), now.minusSeconds(i).atOffset(java.time.ZoneOffset.UTC)).update();
                jdbc.sql("insert into routing_agent_skill (user_id, skill, level) values (?, ?, ?)").params(id, skill, 1 + i % 5).update();
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < waiting; i++) {
                routing.submit(new Routing.WorkRequest(Channel.EMAIL, q.code(), skill + "-" + i, i % 3, i % 10 == 0 ? "VIP" : null));
            }
            System.out.printf("seeded %d agents, %d waiting in %.1f s%n", agents, waiting, (System.nanoTime() - t0) / 1e9);

            int offered = 0;
            int passes = 0;
            long start = System.nanoTime();
            while (true) {
                int n = router.runOnce().offered();
                passes++;
                if (n == 0) {
                    break;
                }
                offered += n;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("throughput: %d decisions in %d passes, %.2f s: %.0f decisions/s%n", offered, passes, seconds,
                    offered / seconds);

            Histogram h = new Histogram(3_600_000_000L, 3);
            List<Long> offeredItems = new ArrayList<>(jdbc.sql("select id from routing_item where queue_id = ? and state = 'OFFERED'")
                    .param(q.id()).query(Long.class).list());
            int made = 0;
            for (int i = 0; i < samples && i < offeredItems.size(); i++) {
                jdbc.sql("update routing_item set state = 'DONE' where id = ?").param(offeredItems.get(i)).update();
                long s = System.nanoTime();
                made += router.runOnce().offered();
                h.recordValue((System.nanoTime() - s) / 1000);
            }
            long still = jdbc.sql("select count(*) from routing_item where queue_id = ? and state = 'WAITING'").param(q.id())
                    .query(Long.class).single();
            System.out.printf("latency (free slot -> offer, %d samples, %d offers, %d still waiting): p50 %.2f ms, p95 %.2f ms, "
                            + "p99 %.2f ms, max %.2f ms%n", h.getTotalCount(), made, still,
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
            jdbc.sql("update routing_item set state = 'DONE' where queue_id = ? and state in ('WAITING', 'OFFERED')").param(q.id()).update();
            jdbc.sql("update routing_presence set state = 'OFFLINE' where user_id >= ? and user_id < ?").params(base, base + agents).update();
        } finally {
            app.close();
        }
    }
}
