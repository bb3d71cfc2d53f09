package org.kept.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * SLA scheduler figures on PostgreSQL. Not a test: surefire skips {@code *Benchmark*}. Bounded: a few minutes.
 * <ol>
 *   <li>{@code find}: grows the open tickets with running clocks to each size in {@code --sizes} (all next actions in
 *   the coming 30 days) and times the scheduler's own query for due work: an empty poll (nothing due) and a full batch
 *   (200 due), {@code --count} times each, plus the plan.</li>
 *   <li>{@code latency}: with a Kept running on the same database (poller on, 250 ms), makes {@code --tickets}
 *   tickets whose first-response deadline falls within the next {@code --spread} seconds, waits, and reads from each
 *   ticket's timeline when its breach was acted on: the delay after the deadline, as percentiles.</li>
 * </ol>
 * Options: {@code --db jdbc:postgresql://127.0.0.1:5432/kept_slabench --user postgres --sizes 10000,100000,1000000
 * --count 2000 --tickets 600 --spread 60}. See docs/benchmarks.md.
 */
public final class SlaSchedulerBenchmark {

    /** The scheduler's query (ClockStore.due). */
    static final String DUE = "select ticket_id, next_at from sla_clock where next_at <= ? order by next_at limit ?";

    private final Map<String, String> opts;

    private SlaSchedulerBenchmark(Map<String, String> opts) {
        this.opts = opts;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("find") || args[0].equals("latency"))) {
            System.err.println("usage: SlaSchedulerBenchmark find|latency [--db URL] [--sizes 10000,100000,1000000] ...");
            System.exit(2);
        }
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        SlaSchedulerBenchmark bench = new SlaSchedulerBenchmark(opts);
        try (Connection db = DriverManager.getConnection(bench.opt("db", "jdbc:postgresql://127.0.0.1:5432/kept_slabench"),
                bench.opt("user", "postgres"), bench.opt("password", ""))) {
            if (args[0].equals("find")) {
                bench.find(db);
            } else {
                bench.latency(db);
            }
        }
    }

    private String opt(String name, String fallback) {
        return opts.getOrDefault(name, fallback);
    }

    private void find(Connection db) throws Exception {
        long customer = benchCustomer(db);
        int count = Integer.parseInt(opt("count", "2000"));
        for (String size : opt("sizes", "10000,100000,1000000").split(",")) {
            long target = Long.parseLong(size.strip());
            long have = single(db, "select count(*) from sla_clock c join ticket t on t.id = c.ticket_id where t.number like 'S%'");
            long started = System.nanoTime();
            if (have < target) {
                grow(db, customer, have, target);
            }
            System.out.printf("%,d open tickets with running clocks (grown in %.1f s)%n", target,
                    (System.nanoTime() - started) / 1e9);
            Histogram empty = time(db, Instant.now(), count);
            Histogram batch = time(db, Instant.now().plusSeconds(40L * 86400), count);
            System.out.printf("  empty poll:       p50 %6.3f ms  p99 %6.3f ms  max %6.3f ms%n", empty.getValueAtPercentile(50) / 1e3,
                    empty.getValueAtPercentile(99) / 1e3, empty.getMaxValue() / 1e3);
            System.out.printf("  batch of 200 due: p50 %6.3f ms  p99 %6.3f ms  max %6.3f ms%n", batch.getValueAtPercentile(50) / 1e3,
                    batch.getValueAtPercentile(99) / 1e3, batch.getMaxValue() / 1e3);
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("explain (analyze, buffers) "
                    + DUE.replaceFirst("\\?", "now() + interval '40 days'").replaceFirst("\\?", "200"))) {
                while (rs.next()) {
                    System.out.println("    " + rs.getString(1));
                }
            }
        }
    }

    /** Open tickets with clocks whose next action is 1 to 30 days away: the load a poll must not scan. */
    private static void grow(Connection db, long customer, long from, long to) throws Exception {
        db.setAutoCommit(false);
        try (PreparedStatement t = db.prepareStatement("insert into ticket (number, type, channel, priority, state, subject, "
                + "description, customer_id, team_id, created_at, updated_at, version) select 'S' || lpad(g::text, 8, '0'), "
                + "'INQUIRY', 'PHONE', 3, 'OPEN', '时钟压测 #' || g, '', ?, 1 + g % 3, now() - random() * interval '20 days', "
                + "now(), 0 from generate_series(?, ?) g");
             PreparedStatement c = db.prepareStatement("insert into sla_clock (ticket_id, started_at, first_response_at, "
                + "update_anchor_at, resolution_due, escalation_at, next_at) select id, created_at, created_at, created_at, "
                + "n, n, n from (select id, created_at, now() + interval '1 day' + random() * interval '29 days' as n "
                + "from ticket where number >= ? and number <= ?) x")) {
            for (long lo = from + 1; lo <= to; lo += 100_000) {
                long hi = Math.min(to, lo + 99_999);
                t.setLong(1, customer);
                t.setLong(2, lo);
                t.setLong(3, hi);
                t.executeUpdate();
                c.setString(1, "S" + String.format("%08d", lo));
                c.setString(2, "S" + String.format("%08d", hi));
                c.executeUpdate();
                db.commit();
            }
        } finally {
            db.setAutoCommit(true);
        }
        try (Statement s = db.createStatement()) {
            s.execute("vacuum (analyze) sla_clock");
            s.execute("vacuum (analyze) ticket");
        }
    }

    private static Histogram time(Connection db, Instant now, int count) throws Exception {
        Histogram h = new Histogram(3);
        try (PreparedStatement due = db.prepareStatement(DUE)) {
            for (int i = 0; i < count + 200; i++) {
                long t0 = System.nanoTime();
                due.setTimestamp(1, Timestamp.from(now));
                due.setInt(2, 200);
                try (ResultSet rs = due.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(1);
                    }
                }
                if (i >= 200) {
                    h.recordValue((System.nanoTime() - t0) / 1000);
                }
            }
        }
        return h;
    }

    private void latency(Connection db) throws Exception {
        int tickets = Integer.parseInt(opt("tickets", "600"));
        int spread = Integer.parseInt(opt("spread", "60"));
        long customer = benchCustomer(db);
        long team = benchTeam(db);
        System.out.printf("%,d clocks in the database; %d deadlines over the next %d s%n",
                single(db, "select count(*) from sla_clock"), tickets, spread);
        String run = Long.toString(System.currentTimeMillis(), 36);
        Instant base = Instant.now().plusSeconds(10);
        List<Long> ids = new ArrayList<>();
        db.setAutoCommit(false);
        try (PreparedStatement t = db.prepareStatement("insert into ticket (number, type, channel, priority, state, subject, "
                + "description, customer_id, team_id, created_at, updated_at, version) values (?, 'INQUIRY', 'PHONE', 3, 'OPEN', "
                + "'到期压测', '', ?, ?, ?, ?, 0)", new String[] {"id"});
             PreparedStatement c = db.prepareStatement("insert into sla_clock (ticket_id, started_at, first_response_due, "
                + "resolution_due, escalation_at, next_at) values (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < tickets; i++) {
                Instant due = base.plusMillis((long) spread * 1000 * i / tickets);
                Instant started = due.minusSeconds(60);  // the bench team's policy: first response within 1 minute
                t.setString(1, "L" + run + "-" + i);
                t.setLong(2, customer);
                t.setLong(3, team);
                t.setTimestamp(4, Timestamp.from(started));
                t.setTimestamp(5, Timestamp.from(started));
                t.executeUpdate();
                long id;
                try (ResultSet k = t.getGeneratedKeys()) {
                    k.next();
                    id = k.getLong(1);
                }
                ids.add(id);
                c.setLong(1, id);
                c.setTimestamp(2, Timestamp.from(started));
                c.setTimestamp(3, Timestamp.from(due));
                c.setTimestamp(4, Timestamp.from(started.plusSeconds(600_000L * 60)));
                c.setTimestamp(5, Timestamp.from(due));
                c.setTimestamp(6, Timestamp.from(due.minusSeconds(1)));
                c.executeUpdate();
            }
            db.commit();
        } finally {
            db.setAutoCommit(true);
        }
        long waitMs = Instant.now().until(base.plusSeconds(spread + 15), java.time.temporal.ChronoUnit.MILLIS);
        System.out.printf("inserted; waiting %.0f s for the deadlines to pass%n", waitMs / 1e3);
        Thread.sleep(Math.max(0, waitMs));
        Histogram h = new Histogram(3);
        String in = String.join(",", ids.stream().map(String::valueOf).toList());
        int acted = 0;
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select e.at, c.first_response_due, "
                + "(select count(*) from ticket_entry x where x.ticket_id = e.ticket_id and x.kind = 'SLA_BREACH') "
                + "from ticket_entry e join sla_clock c on c.ticket_id = e.ticket_id "
                + "where e.kind = 'SLA_BREACH' and e.ticket_id in (" + in + ")")) {
            while (rs.next()) {
                acted++;
                if (rs.getLong(3) != 1) {
                    System.out.println("  ticket acted on " + rs.getLong(3) + " times!");
                }
                long late = rs.getTimestamp(1).toInstant().toEpochMilli() - rs.getTimestamp(2).toInstant().toEpochMilli();
                h.recordValue(Math.max(0, late));
            }
        }
        System.out.printf("breaches acted on: %d of %d%n", acted, tickets);
        System.out.printf("delay after the deadline: p50 %d ms  p90 %d ms  p99 %d ms  max %d ms%n", h.getValueAtPercentile(50),
                h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getMaxValue());
    }

    private static long benchCustomer(Connection db) throws Exception {
        long id = single(db, "select coalesce(min(id), 0) from customer where name = 'SLA 压测客户'");
        if (id == 0) {
            try (Statement s = db.createStatement()) {
                s.executeUpdate("insert into customer (name, tier, created_at, updated_at, version) "
                        + "values ('SLA 压测客户', 'STANDARD', now(), now(), 0)");
            }
            id = single(db, "select min(id) from customer where name = 'SLA 压测客户'");
        }
        return id;
    }

    /** A team whose policy promises a first response within one minute. */
    private static long benchTeam(Connection db) throws Exception {
        long id = single(db, "select coalesce(min(id), 0) from team where code = 'bench-sla'");
        if (id == 0) {
            try (Statement s = db.createStatement()) {
                s.executeUpdate("insert into team (code, name) values ('bench-sla', 'SLA 压测组')");
                id = single(db, "select min(id) from team where code = 'bench-sla'");
                s.executeUpdate("insert into sla_policy (name, position, team_id, first_response_minutes, next_update_minutes, "
                        + "resolution_minutes, warn_percent, expedite_percent, created_at, updated_at) values ('bench', 1, " + id
                        + ", 1, null, 600000, 99, 50, now(), now())");
            }
        }
        return id;
    }

    private static long single(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
