package org.kept.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.kept.shared.CentreZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds a demo centre once, on the embedded database (or when {@code KEPT_DEMO=true}); never by default on PostgreSQL.
 * The same seed gives the same centre, so screenshots and walkthroughs stay stable.
 */
@Component
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    static final List<String[]> USERS = List.of(
            new String[] {"admin", "系统管理员 Admin", "A0001", "ADMIN", null},
            new String[] {"lead", "王组长 Wang (lead)", "L1001", "LEAD", "hotline"},
            new String[] {"agent", "李娜 Li Na", "C1002", "AGENT", "hotline"},
            new String[] {"outsourced", "赵强 Zhao (outsourced)", "W2001", "OUTSOURCED", "hotline"},
            new String[] {"complaints", "陈静 Chen (major complaints)", "M3001", "COMPLAINTS", "major-complaints"},
            new String[] {"compliance", "周律 Zhou (compliance)", "G4001", "COMPLIANCE", null},
            new String[] {"planner", "孙计划 Sun (planner)", "P5001", "PLANNER", null},
            new String[] {"customer", "张伟", null, "CUSTOMER", null});

    private static final String[] SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高".split("");
    private static final String[] GIVEN = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
        "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "晓东"};
    private static final String[][] SUBJECTS = {
        {"INQUIRY", "billing", "话费账单比上月多了 58 元，想查一下明细"},
        {"INQUIRY", "delivery", "订单 20261105118 显示已签收但没收到货"},
        {"INQUIRY", "account", "手机号换了，怎么修改账户绑定的号码"},
        {"INQUIRY", "refund", "退货已寄回一周了，退款什么时候到账"},
        {"COMPLAINT", "delivery", "空调上礼拜买的，到现在没人联系安装"},
        {"COMPLAINT", "service", "客服电话等了 15 分钟才接通，接通后被挂断"},
        {"COMPLAINT", "refund", "同一笔订单被扣款两次，要求退回多扣的钱"},
        {"COMPLAINT", "outage", "小区宽带断网三天了，报修后没有回复"},
        {"COMPLAINT", "safety", "司机绕路并言语威胁，要求严肃处理"},
        {"COMPLAINT", "billing", "未经同意开通了增值业务，每月扣 10 元"},
        {"SUGGESTION", "service", "建议晚上 10 点后也能转人工客服"},
        {"SUGGESTION", "other", "希望 App 里能直接查看维修进度"},
        {"INQUIRY", "outage", "今天上午停电是计划检修吗，几点恢复"},
        {"COMPLAINT", "delivery", "快递员未经同意把包裹放在驿站"},
        {"INQUIRY", "account", "账户被锁定了，登录提示异常"},
        {"COMPLAINT", "other", "投诉了三次都没有人回复，要求给个说法"},
    };
    private static final String[] REPLIES = {
        "您好，已为您查询，相关部门正在处理，预计明天 18:00 前给您答复。",
        "非常抱歉给您带来不便，已提交给售后组处理，处理结果会第一时间通知您。",
        "您好，经核实退款已于今日原路退回，预计 1-3 个工作日到账。",
        "已联系安装师傅，师傅会在明天上午 10 点前与您电话确认上门时间。",
    };
    private static final String[] NOTES = {
        "客户情绪激动，已安抚。需组长跟进。",
        "已电话联系物流，对方说 24 小时内回复。",
        "核实为重复扣款，已提交财务退款申请。",
        "回电无人接听，明天上午再打一次。",
    };

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final CentreZone zone;
    private final String mode;
    private final String url;
    private volatile boolean seeded;
    private final DemoKnowledge knowledge;

    DemoData(DataSource dataSource, TransactionTemplate tx, PasswordEncoder encoder, Clock clock, CentreZone zone,
             @Value("${kept.demo:auto}") String mode, @Value("${spring.datasource.url:}") String url,
             DemoKnowledge knowledge) {
        this.knowledge = knowledge;
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = tx;
        this.encoder = encoder;
        this.clock = clock;
        this.zone = zone;
        this.mode = mode;
        this.url = url;
    }

    boolean enabled() {
        return "true".equalsIgnoreCase(mode) || ("auto".equalsIgnoreCase(mode) && url.startsWith("jdbc:h2:"));
    }

    boolean active() {
        return seeded;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled()) {
            return;
        }
        Integer existing = jdbc.queryForObject("select count(*) from app_user where username = 'admin'", Integer.class);
        seeded = true;
        if (existing != null && existing > 0) {
            return;
        }
        long started = System.nanoTime();
        tx.executeWithoutResult(s -> seed());
        // knowledge: written through its module after the people exist, so every article gets its sentence vector
        knowledge.seed(jdbc.queryForObject("select id from app_user where username = 'lead'", Long.class), "lead",
                "王组长 Wang (lead)", LocalDate.ofInstant(clock.instant(), zone.zone()));
        log.info("Demo centre seeded in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private void seed() {
        Random random = new Random(20261122);
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        Map<String, Long> teams = new HashMap<>();
        jdbc.query("select code, id from team", rs -> {
            teams.put(rs.getString(1), rs.getLong(2));
        });
        List<Long> customers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String name = i == 0 ? "张伟" : SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
            String tier = i % 10 == 0 ? "VIP" : i % 4 == 0 ? "PLUS" : "STANDARD";
            jdbc.update("insert into customer (name, tier, notes, created_at, updated_at) values (?, ?, ?, ?, ?)",
                    name, tier, i % 7 == 0 ? "老客户，偏好电话联系。" : null, now.minusDays(60 + i), now.minusDays(60 + i));
            long id = jdbc.queryForObject("select max(id) from customer", Long.class);
            customers.add(id);
            String phone = "+86" + (new String[] {"138", "139", "186", "150", "177"}[i % 5]) + String.format("%08d", 10_000_000 + i * 7_919);
            jdbc.update("insert into contact_point (customer_id, kind, address) values (?, 'PHONE', ?)", id, phone);
            if (i % 3 == 0) {
                jdbc.update("insert into contact_point (customer_id, kind, address) values (?, 'EMAIL', ?)", id,
                        "customer" + i + "@example.com");
            }
        }
        String hash = encoder.encode("demo");
        Map<String, Long> users = new HashMap<>();
        for (String[] u : USERS) {
            jdbc.update("insert into app_user (username, password_hash, display_name, agent_no, role_code, team_id, customer_id, "
                            + "enabled, created_at) values (?, ?, ?, ?, ?, ?, ?, true, ?)",
                    u[0], hash, u[1], u[2], u[3], u[4] == null ? null : teams.get(u[4]),
                    "CUSTOMER".equals(u[3]) ? customers.get(0) : null, now.minusDays(90));
            users.put(u[0], jdbc.queryForObject("select id from app_user where username = ?", Long.class, u[0]));
        }
        String[][] colleagues = {{"hotline", "刘洋"}, {"hotline", "黄敏"}, {"online", "吴静"}, {"online", "徐磊"},
            {"after-sales", "马超"}, {"after-sales", "朱丽"}, {"major-complaints", "郭涛"}};
        List<Long> staff = new ArrayList<>(List.of(users.get("agent"), users.get("outsourced"), users.get("lead"),
                users.get("complaints")));
        for (int i = 0; i < colleagues.length; i++) {
            jdbc.update("insert into app_user (username, password_hash, display_name, agent_no, role_code, team_id, enabled, "
                            + "created_at) values (?, ?, ?, ?, 'AGENT', ?, true, ?)",
                    "agent" + (i + 2), hash, colleagues[i][1], "C" + (1100 + i), teams.get(colleagues[i][0]), now.minusDays(80));
            staff.add(jdbc.queryForObject("select id from app_user where username = ?", Long.class, "agent" + (i + 2)));
        }
        seedTickets(random, now, customers, staff, teams, users);
    }

    private void seedTickets(Random random, OffsetDateTime now, List<Long> customers, List<Long> staff, Map<String, Long> teams,
                             Map<String, Long> users) {
        DateTimeFormatter day = DateTimeFormatter.BASIC_ISO_DATE;
        Map<String, Integer> perDay = new HashMap<>();
        String[] states = {"NEW", "OPEN", "OPEN", "PENDING_CUSTOMER", "PENDING_INTERNAL", "RESOLVED", "CLOSED", "CLOSED"};
        String[] channels = {"PHONE", "PHONE", "PHONE", "CHAT", "EMAIL", "WECHAT", "PORTAL"};
        List<String> teamCodes = List.of("hotline", "online", "after-sales", "major-complaints");
        Map<Long, String> names = new HashMap<>();
        jdbc.query("select id, display_name from app_user", rs -> {
            names.put(rs.getLong(1), rs.getString(2));
        });
        List<Object[]> entries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Instant created = now.toInstant().minus(Duration.ofMinutes((long) (random.nextDouble() * 60 * 24 * 28)));
            if (i < 12) {
                created = now.toInstant().minus(Duration.ofMinutes(10L + i * 37));
            }
            OffsetDateTime at = created.atOffset(ZoneOffset.UTC);
            String d = LocalDate.ofInstant(created, zone.zone()).format(day);
            int n = perDay.merge(d, 1, Integer::sum);
            String[] subject = SUBJECTS[random.nextInt(SUBJECTS.length)];
            String state = i < 12 ? (i % 3 == 0 ? "NEW" : "OPEN") : states[random.nextInt(states.length)];
            boolean complaint = "COMPLAINT".equals(subject[0]);
            int priority = "safety".equals(subject[1]) ? 1 : complaint ? 1 + random.nextInt(3) : 2 + random.nextInt(3);
            String team = "safety".equals(subject[1]) ? "major-complaints" : teamCodes.get(random.nextInt(3));
            Long assignee = "NEW".equals(state) && random.nextBoolean() ? null : staff.get(random.nextInt(staff.size()));
            if (i < 8) {
                assignee = users.get("agent");
                team = "hotline";
            }
            long customer = i < 5 ? customers.get(0) : customers.get(random.nextInt(customers.size()));
            OffsetDateTime updated = at.plusMinutes(5 + random.nextInt(600));
            if (updated.isAfter(now)) {
                updated = now;
            }
            String phone = jdbc.queryForObject("select min(address) from contact_point where customer_id = ? and kind = 'PHONE'",
                    String.class, customer);
            jdbc.update("insert into ticket (number, type, category, channel, priority, state, subject, description, incident_time, "
                            + "incident_place, people_involved, contact_phone, customer_id, team_id, assignee_id, created_by, "
                            + "created_at, updated_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                    d + "-" + String.format("%04d", n), subject[0], subject[1], channels[random.nextInt(channels.length)],
                    priority, state, subject[2], "客户来电反映：" + subject[2] + "。客户要求尽快处理并回电，联系电话 "
                            + phone.substring(3) + "。",
                    complaint ? "上周五下午 3 点左右" : null, complaint ? "北京市朝阳区" : null, null, phone, customer,
                    teams.get(team), assignee, users.get("agent"), at, updated);
            long id = jdbc.queryForObject("select id from ticket where number = ?", Long.class, d + "-" + String.format("%04d", n));
            String actor = names.get(users.get("agent"));
            entries.add(new Object[] {id, "CREATED", users.get("agent"), actor, at, null, subject[0] + " P" + priority, null});
            if (!"NEW".equals(state)) {
                Long by = assignee == null ? users.get("agent") : assignee;
                entries.add(new Object[] {id, "NOTE", by, names.get(by), at.plusMinutes(3), null, null,
                    NOTES[random.nextInt(NOTES.length)]});
                entries.add(new Object[] {id, "REPLY", by, names.get(by), at.plusMinutes(4), null, null,
                    REPLIES[random.nextInt(REPLIES.length)]});
                entries.add(new Object[] {id, "STATE", by, names.get(by), at.plusMinutes(4), "NEW", state, null});
            }
        }
        jdbc.batchUpdate("insert into ticket_entry (ticket_id, kind, actor_id, actor_name, at, old_value, new_value, body) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?)", entries);
        perDay.forEach((d, count) -> jdbc.update("insert into ticket_number_block (number_day, next_value) values (?, ?)", d, count + 1));
    }
}
