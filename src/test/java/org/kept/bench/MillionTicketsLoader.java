package org.kept.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.kept.shared.Masking;
import org.kept.shared.SearchBigrams;

/**
 * The data of {@code bench/million-tickets.sql}, {@code ticket-search-index.sql} and
 * {@code hundred-thousand-customers.sql} for a database those PostgreSQL scripts cannot run on: the embedded H2 file
 * database (the search benchmark "on both databases"). Same shape: 100,000 customers with a phone, 1,000,000 tickets
 * over the four seeded teams (40/30/20/10 %), six states, four priorities and a year, ten subjects a tenth each and
 * "投诉升级" in one in 1,000, a "created" entry each, the search postings as {@code TicketSearchIndex} writes them, and
 * 100,000 more customers with a phone and an email. Not a test. Run it on a database Kept has migrated and seeded
 * (start once with {@code KEPT_DEMO=true}, stop), with the server stopped:
 * <pre>java -cp target/classes:target/test-classes:$(cat /tmp/cti-cp.txt) org.kept.bench.MillionTicketsLoader 'jdbc:h2:file:/tmp/h2/kept;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;CACHE_SIZE=2097152' sa ''</pre>
 * (the large cache speeds the load up; the loader sets the database's cache back to H2's default of 16 MB at the end)
 */
public final class MillionTicketsLoader {

    private static final String[] SURNAMES = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇"};
    private static final String[] SUBJECTS = {"话费账单比上月多了58元", "宽带报修 网络经常掉线", "快递三天未送达 催件", "退货已寄回 退款未到账",
        "信用卡年费扣费咨询", "空调安装预约未上门", "手机套餐变更申请", "发票开具 抬头有误", "司机绕路 多收车费", "积分兑换失败 请处理"};
    private static final String[] TYPES = {"INQUIRY", "INQUIRY", "COMPLAINT", "SUGGESTION"};
    private static final String[] CATEGORIES = {"billing", "delivery", "refund", "account", "service", "outage", "safety", "other"};
    private static final String[] CHANNELS = {"PHONE", "PHONE", "PORTAL", "EMAIL", "CHAT"};
    private static final int TICKETS = 1_000_000;
    private static final int CUSTOMERS = 100_000;
    private static final int BATCH = 5_000;

    private MillionTicketsLoader() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(args[0], args[1], args.length > 2 ? args[2] : "")) {
            c.setAutoCommit(false);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            // "postings": a load stopped after the tickets' entries goes on from the postings
            boolean resumed = args.length > 3 && args[3].equals("postings");
            if (!resumed) {
                long firstCustomer = customers(c, now);
                step("customers with phones", start);
                tickets(c, now, firstCustomer);
                step("tickets", start);
            }
            indexAndEntries(c, !resumed);
            step("entries and search postings", start);
            moreCustomers(c, now);
            step("100,000 more customers", start);
            try (Statement s = c.createStatement()) {
                s.execute("analyze");
                // H2 keeps a cache size given in the URL as a setting of the database: a large one for the load would
                // then take half of the server's heap at every start (GC pauses of 64–150 ms measured that way)
                s.execute("set cache_size 16384");
            }
            c.commit();
        }
        step("done", start);
    }

    private static long customers(Connection c, OffsetDateTime now) throws Exception {
        OffsetDateTime made = now.minusDays(400);
        try (PreparedStatement p = c.prepareStatement(
                "insert into customer (name, tier, notes, created_at, updated_at, version) values (?, ?, null, ?, ?, 0)")) {
            for (int g = 1; g <= CUSTOMERS; g++) {
                p.setString(1, SURNAMES[g % 10] + GIVEN[(g / 10) % 12] + " " + g);
                p.setString(2, g % 50 == 0 ? "VIP" : g % 7 == 0 ? "PLUS" : "STANDARD");
                p.setObject(3, made);
                p.setObject(4, made);
                batch(p, g);
            }
            p.executeBatch();
        }
        long first = single(c, "select min(id) from customer where name like '% %'");
        try (PreparedStatement p = c.prepareStatement("insert into contact_point (customer_id, kind, address) values (?, 'PHONE', ?)")) {
            for (int g = 0; g < CUSTOMERS; g++) {
                long id = first + g;
                p.setLong(1, id);
                p.setString(2, "+86139" + String.format("%08d", id % 100_000_000));
                batch(p, g + 1);
            }
            p.executeBatch();
        }
        c.commit();
        return first;
    }

    /** One generated ticket; written in creation order, as a centre's ids and numbers grow (the indexes are appended to). */
    private record Made(int g, String state, int priority, int team, OffsetDateTime created) {
    }

    private static void tickets(Connection c, OffsetDateTime now, long firstCustomer) throws Exception {
        Random random = new Random(42);
        java.util.List<Made> made = new java.util.ArrayList<>(TICKETS);
        for (int g = 1; g <= TICKETS; g++) {
            double prio = random.nextDouble();
            double t = random.nextDouble();
            double s = random.nextDouble();
            String state = s < 0.70 ? "CLOSED" : s < 0.85 ? "RESOLVED" : s < 0.93 ? "OPEN" : s < 0.96 ? "PENDING_CUSTOMER"
                    : s < 0.98 ? "PENDING_INTERNAL" : "NEW";
            double days = (s < 0.85 ? 365 : 30) * random.nextDouble();
            made.add(new Made(g, state, prio < 0.05 ? 1 : prio < 0.20 ? 2 : prio < 0.80 ? 3 : 4, t < 0.40 ? 1 : t < 0.70 ? 2 : t < 0.90 ? 3 : 4,
                    now.minusHours(2).minusSeconds((long) (days * 86_400))));
        }
        made.sort(java.util.Comparator.comparing(Made::created));
        try (PreparedStatement p = c.prepareStatement("insert into ticket (number, type, category, channel, priority, state, subject,"
                + " description, customer_id, team_id, assignee_id, created_by, created_at, updated_at, version)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, ?, ?, 0)")) {
            int n = 0;
            for (Made m : made) {
                int g = m.g();
                p.setString(1, "G" + m.created().toLocalDate().toString().replace("-", "") + "-" + String.format("%07d", g));
                p.setString(2, TYPES[g % 4]);
                p.setString(3, CATEGORIES[g % 8]);
                p.setString(4, CHANNELS[g % 5]);
                p.setInt(5, m.priority());
                p.setString(6, m.state());
                p.setString(7, SUBJECTS[(g / 3) % 10] + (g % 1000 == 0 ? " 投诉升级" : ""));
                p.setString(8, "客户来电反映问题，编号 " + g + "。");
                p.setLong(9, firstCustomer + ((long) g * 7919) % CUSTOMERS);
                p.setLong(10, m.team());
                p.setObject(11, m.created());
                p.setObject(12, m.created().plusHours(1));
                batch(p, ++n);
                if (n % 100_000 == 0) {
                    c.commit();
                    System.out.printf("  %,d tickets%n", n);
                }
            }
            p.executeBatch();
        }
        c.commit();
    }

    /** One loaded ticket as its postings need it. */
    private record Loaded(long id, String subject, int priority, OffsetDateTime created, String type) {
    }

    /**
     * The "created" entry and the search text row of every loaded ticket in id order, then the postings token by token in
     * the postings' key order (each token's tickets most urgent, then oldest first): appended, not scattered.
     */
    private static void indexAndEntries(Connection c, boolean entries) throws Exception {
        java.util.List<Loaded> rows = new java.util.ArrayList<>(TICKETS);
        try (PreparedStatement read = c.prepareStatement(
                "select id, subject, priority, created_at, type from ticket where number like 'G%' order by id")) {
            read.setFetchSize(10_000);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Loaded(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getObject(4, OffsetDateTime.class), rs.getString(5)));
                }
            }
        }
        if (entries) {
            entries(c, rows);
        }
        postings(c, rows);
    }

    private static void entries(Connection c, java.util.List<Loaded> rows) throws Exception {
        try (PreparedStatement entry = c.prepareStatement("insert into ticket_entry (ticket_id, kind, actor_id, actor_name, at,"
                        + " old_value, new_value, body) values (?, 'CREATED', null, 'bulk', ?, null, ?, null)");
                PreparedStatement text = c.prepareStatement(
                        "insert into ticket_search_text (ticket_id, masked_subject, masked_with) values (?, null, ?)")) {
            int n = 0;
            for (Loaded r : rows) {
                entry.setLong(1, r.id());
                entry.setObject(2, r.created());
                entry.setString(3, r.type() + " " + r.priority());
                entry.addBatch();
                text.setLong(1, r.id());
                text.setInt(2, Masking.VERSION);
                text.addBatch();
                if (++n % BATCH == 0) {
                    entry.executeBatch();
                    text.executeBatch();
                }
                if (n % 100_000 == 0) {
                    c.commit();
                    System.out.printf("  %,d entries%n", n);
                }
            }
            entry.executeBatch();
            text.executeBatch();
        }
        c.commit();
    }

    private static void postings(Connection c, java.util.List<Loaded> rows) throws Exception {
        rows.sort(java.util.Comparator.comparingInt(Loaded::priority).thenComparing(Loaded::created).thenComparingLong(Loaded::id));
        java.util.Map<String, long[]> bySubject = new java.util.HashMap<>();
        java.util.TreeSet<Long> tokens = new java.util.TreeSet<>();
        for (Loaded r : rows) {
            long[] of = bySubject.computeIfAbsent(r.subject(), SearchBigrams::of);
            for (long t : of) {
                tokens.add(t);
            }
        }
        try (PreparedStatement token = c.prepareStatement(
                "insert into ticket_search_token (tok, prio, made_at, ticket_id) values (?, ?, ?, ?)")) {
            long n = 0;
            for (long tok : tokens) {
                for (Loaded r : rows) {
                    long[] of = bySubject.get(r.subject());
                    boolean holds = false;
                    for (long t : of) {
                        holds |= t == tok;
                    }
                    if (!holds) {
                        continue;
                    }
                    token.setLong(1, tok);
                    token.setInt(2, r.priority());
                    token.setObject(3, r.created());
                    token.setLong(4, r.id());
                    token.addBatch();
                    if (++n % BATCH == 0) {
                        token.executeBatch();
                    }
                    if (n % 1_000_000 == 0) {
                        c.commit();
                        System.out.printf("  %,d postings%n", n);
                    }
                }
            }
            token.executeBatch();
            System.out.printf("%,d search postings%n", n);
        }
        c.commit();
    }

    private static void moreCustomers(Connection c, OffsetDateTime now) throws Exception {
        String[] given = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳"};
        String[] third = {"", "华", "明", "红", "平"};
        String[] surnames = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
        long before = single(c, "select coalesce(max(id), 0) from customer");
        try (PreparedStatement p = c.prepareStatement(
                "insert into customer (name, tier, created_at, updated_at) values (?, 'STANDARD', ?, ?)")) {
            for (int i = 1; i <= CUSTOMERS; i++) {
                p.setString(1, surnames[i % 10] + given[(i / 10) % 12] + third[(i / 120) % 5]);
                p.setObject(2, now);
                p.setObject(3, now);
                batch(p, i);
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement("insert into contact_point (customer_id, kind, address) values (?, ?, ?)")) {
            int n = 0;
            for (long id = before + 1; id <= before + CUSTOMERS; id++) {
                p.setLong(1, id);
                p.setString(2, "PHONE");
                p.setString(3, "+86139" + String.format("%08d", (id * 7919) % 100_000_000));
                batch(p, ++n);
                p.setLong(1, id);
                p.setString(2, "EMAIL");
                p.setString(3, "user" + id + "@mail" + (id % 50) + ".example.com");
                batch(p, ++n);
            }
            p.executeBatch();
        }
        c.commit();
    }

    private static void batch(PreparedStatement p, int n) throws Exception {
        p.addBatch();
        if (n % BATCH == 0) {
            p.executeBatch();
        }
    }

    private static long single(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void step(String what, long start) {
        System.out.printf("%s after %.1f s%n", what, (System.nanoTime() - start) / 1e9);
    }
}
