package org.kept.bench;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.kept.KeptApplication;
import org.kept.routing.Routing;
import org.kept.routing.internal.Router;
import org.kept.routing.internal.RoutingQueue;
import org.kept.routing.internal.RuleDesk;
import org.kept.ticket.Channel;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Routing decisions (issue 12): Kept in process (test profile, router poller off; H2 in memory, or PostgreSQL with
 * KEPT_TEST_DB_URL), {@code agents} agents available with a skill, {@code waiting} emails waiting in one queue that
 * needs it (capacity 5 emails per agent).
 * <ol>
 *   <li>throughput: router passes until every agent is full; decisions per second = offers / wall time of the passes.</li>
 *   <li>latency: {@code samples} times, one offered item is withdrawn through {@link Routing#cancel} (a slot frees) and
 *   one pass is timed: the time from a free slot to its offer, with the whole queue still waiting behind it.</li>
 * </ol>
 * Besides wall time (the machine is shared), it counts what does not depend on the load: JDBC statements prepared (a
 * proxy around the pool) and CPU time of the JVM and of this database's PostgreSQL backends per decision.
 * Args: agents (500), waiting (5000), samples (1000).
 */
public final class RoutingBenchmark {

    static final AtomicLong STATEMENTS = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int waiting = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        SpringApplication boot = new SpringApplication(KeptApplication.class);
        boot.addInitializers(ctx -> ctx.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource ds ? counting(ds) : bean;
            }
        }));
        ConfigurableApplicationContext app = boot.run("--server.port=0", "--spring.profiles.active=test",
                "--logging.level.root=warn", "--logging.level.org.kept=warn");
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
            System.out.printf("seeded %d agents, %d waiting in %.1f s; load average %s%n", agents, waiting,
                    (System.nanoTime() - t0) / 1e9, loadAverage());

            List<Integer> backends = jdbc.sql("select pid from pg_stat_activity where datname = current_database()")
                    .query(Integer.class).list();
            int offered = 0;
            int passes = 0;
            long statements = STATEMENTS.get();
            long cpu = processCpuNanos();
            long pg = backendTicks(backends);
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
            System.out.printf("throughput: %d decisions in %d passes, %.2f s: %.0f decisions/s; per decision %.2f statements, "
                            + "JVM CPU %.3f ms, PostgreSQL CPU %.3f ms; load average %s%n", offered, passes, seconds,
                    offered / seconds, (STATEMENTS.get() - statements) / (double) offered,
                    (processCpuNanos() - cpu) / 1e6 / offered, (backendTicks(backends) - pg) * 10.0 / offered, loadAverage());

            Histogram h = new Histogram(3_600_000_000L, 3);
            List<String> offeredRefs = new ArrayList<>(jdbc.sql("select reference from routing_item where queue_id = ? "
                    + "and state = 'OFFERED' order by id").param(q.id()).query(String.class).list());
            int made = 0;
            long passStatements = 0;
            long passCpu = 0;
            var threads = ManagementFactory.getThreadMXBean();
            for (int i = 0; i < samples && i < offeredRefs.size(); i++) {
                routing.cancel(Channel.EMAIL, offeredRefs.get(i));
                long st = STATEMENTS.get();
                long c = threads.getCurrentThreadCpuTime();
                long s = System.nanoTime();
                made += router.runOnce().offered();
                h.recordValue((System.nanoTime() - s) / 1000);
                passCpu += threads.getCurrentThreadCpuTime() - c;
                passStatements += STATEMENTS.get() - st;
            }
            long still = jdbc.sql("select count(*) from routing_item where queue_id = ? and state = 'WAITING'").param(q.id())
                    .query(Long.class).single();
            System.out.printf("latency (free slot -> offer, %d samples, %d offers, %d still waiting): p50 %.2f ms, p95 %.2f ms, "
                            + "p99 %.2f ms, max %.2f ms; per pass %.1f statements, router thread CPU %.3f ms; load average %s%n",
                    h.getTotalCount(), made, still,
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, passStatements / (double) h.getTotalCount(),
                    passCpu / 1e6 / h.getTotalCount(), loadAverage());
            jdbc.sql("update routing_item set state = 'DONE' where queue_id = ? and state in ('WAITING', 'OFFERED')").param(q.id()).update();
            jdbc.sql("update routing_presence set state = 'OFFLINE' where user_id >= ? and user_id < ?").params(base, base + agents).update();
        } finally {
            app.close();
        }
    }

    /** The pool, with every statement a connection prepares or creates counted. */
    static DataSource counting(DataSource target) {
        InvocationHandler connections = (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            if (result instanceof Connection c) {
                return Proxy.newProxyInstance(RoutingBenchmark.class.getClassLoader(), new Class<?>[] {Connection.class},
                        (p, m, a) -> {
                            if (m.getName().equals("prepareStatement") || m.getName().equals("createStatement")
                                    || m.getName().equals("prepareCall")) {
                                STATEMENTS.incrementAndGet();
                            }
                            return invoke(c, m, a);
                        });
            }
            return result;
        };
        return (DataSource) Proxy.newProxyInstance(RoutingBenchmark.class.getClassLoader(), new Class<?>[] {DataSource.class},
                connections);
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] a) throws Throwable {
        try {
            return m.invoke(target, a);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** utime + stime (clock ticks, 10 ms) of the given PostgreSQL backends; 0 on H2 or when /proc is not theirs. */
    static long backendTicks(List<Integer> pids) {
        long ticks = 0;
        for (int pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (Exception e) {
                // gone or not readable: not counted
            }
        }
        return ticks;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
