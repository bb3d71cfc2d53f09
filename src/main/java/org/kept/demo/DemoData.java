package org.kept.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.kept.customer.Customer;
import org.kept.customer.CustomerTier;
import org.kept.customer.Customers;
import org.kept.customer.NewCustomer;
import org.kept.identity.Accounts;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.NewUser;
import org.kept.identity.Permission;
import org.kept.routing.AgentSkills;
import org.kept.shared.CentreZone;
import org.kept.shared.StartupWork;
import org.kept.ticket.Channel;
import org.kept.ticket.HistoricTicket;
import org.kept.ticket.NewTicket;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketChange;
import org.kept.ticket.TicketImport;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds a demo centre once, on the embedded database (or when {@code KEPT_DEMO=true}); never by default on PostgreSQL.
 * The same seed gives the same centre, so screenshots and walkthroughs stay stable. Everything goes through the
 * modules' public APIs (customers, logins, a ticket history import), as a centre moving its data in would.
 */
@Component
@Order(0) // before identity's first-start check, which must find the demo administrator
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    static final List<String[]> USERS = List.of(
            new String[] {"admin", "系统管理员 Admin", "A0001", "ADMIN", null},
            new String[] {"lead", "王组长 Wang (lead)", "L1001", "LEAD", "hotline"},
            new String[] {"agent", "李娜 Li Na", "C1002", "AGENT", "hotline"},
            new String[] {"outsourced", "赵强 Zhao (outsourced)", "W2001", "OUTSOURCED", "hotline"},
            new String[] {"complaints", "陈静 Chen (major complaints)", "M3001", "COMPLAINTS", "major-complaints"},
            new String[] {"compliance", "周律 Zhou (compliance)", "G4001", "COMPLIANCE", null},
            new String[] {"compliance-lead", "吴主任 Wu (compliance lead)", "G4002", "COMPLIANCE_LEAD", null},
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

    /** Who seeds the demo centre, in the audit log and as the importer of its ticket history. */
    static final CurrentUser SEEDER = new CurrentUser(0, "demo", "Demo centre", null, "ADMIN",
            EnumSet.allOf(Permission.class), null, null, true, "");

    private final Customers customers;
    private final Accounts accounts;
    private final Directory directory;
    private final TicketImport tickets;
    private final TransactionTemplate tx;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final CentreZone zone;
    private final String mode;
    private final String url;
    private volatile boolean seeded;
    private volatile boolean fresh;
    private final DemoKnowledge knowledge;
    private final StartupWork startup;
    private final DemoCalls calls;
    private final AgentSkills skillsOf;
    /** The customers this start wrote, for the call history. */
    private volatile List<Customer> register = List.of();
    /** The people this start wrote, once their transaction committed; a retry then goes on with the knowledge. */
    private volatile Map<String, Long> users;
    /** The demo tickets' survey answers, written in the background with the calls. */
    private volatile List<org.kept.survey.SurveyHistory.HistoricSurvey> surveys = List.of();
    private volatile Long hotline;
    /** Start-up work: nobody signs in before the demo people exist. */
    static final String WORK = "demo centre";

    DemoData(Customers customers, Accounts accounts, Directory directory, TicketImport tickets, TransactionTemplate tx,
             PasswordEncoder encoder, Clock clock, CentreZone zone, @Value("${kept.demo:auto}") String mode,
             @Value("${spring.datasource.url:}") String url, DemoKnowledge knowledge, StartupWork startup,
             DemoCalls calls, AgentSkills skillsOf) {
        this.customers = customers;
        this.accounts = accounts;
        this.directory = directory;
        this.tickets = tickets;
        this.knowledge = knowledge;
        this.tx = tx;
        this.encoder = encoder;
        this.clock = clock;
        this.zone = zone;
        this.mode = mode;
        this.url = url;
        this.startup = startup;
        this.calls = calls;
        this.skillsOf = skillsOf;
        if (enabled()) {
            startup.expect(WORK);
        }
    }

    boolean enabled() {
        return "true".equalsIgnoreCase(mode) || ("auto".equalsIgnoreCase(mode) && url.startsWith("jdbc:h2:"));
    }

    boolean active() {
        return seeded;
    }

    /** Whether this start seeded the centre (rather than finding it seeded before). */
    boolean fresh() {
        return fresh;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled()) {
            return;
        }
        seeded = true;
        startup.run(WORK, this::seedOnce);
        if (fresh) {
            // thousands of call records: written after Kept is ready, so the start stays within seconds
            calls.seedInBackground(users, register, hotline, surveys);
        }
    }

    /** Tried again while the database is away: the people commit in one transaction, each article is idempotent. */
    private void seedOnce() {
        long started = System.nanoTime();
        if (users == null) {
            if (directory.staff().stream().anyMatch(u -> "admin".equals(u.username()))) {
                return;
            }
            users = tx.execute(s -> seed());
            fresh = true;
            grantChannelSkills();
        }
        // knowledge: written through its module after the people exist, so every article gets its sentence vector
        knowledge.seed(users.get("lead"), "lead", "王组长 Wang (lead)", LocalDate.ofInstant(clock.instant(), zone.zone()));
        log.info("Demo centre seeded in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** Who answers which written channel: the router offers chats, mail and WeChat/Weibo only to agents with the skill. */
    private static final Map<String, Map<String, Integer>> CHANNEL_SKILLS = Map.of(
            "agent", Map.of("chat", 3, "email", 3, "wechat", 3, "weibo", 2),
            "outsourced", Map.of("chat", 2, "email", 2),
            "lead", Map.of("chat", 4, "email", 4, "wechat", 4, "weibo", 4),
            "complaints", Map.of("email", 4),
            "agent4", Map.of("chat", 4, "email", 3, "wechat", 4, "weibo", 3),
            "agent5", Map.of("chat", 4, "email", 3, "wechat", 4, "weibo", 3));

    private void grantChannelSkills() {
        CHANNEL_SKILLS.forEach((username, skills) -> skillsOf.replaceSkills(users.get(username), skills));
    }

    private Map<String, Long> seed() {
        Random random = new Random(20261122);
        Map<String, Long> teams = new HashMap<>();
        directory.teams().forEach(t -> teams.put(t.code(), t.id()));
        List<Customer> register = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String name = i == 0 ? "张伟" : SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
            CustomerTier tier = i % 10 == 0 ? CustomerTier.VIP : i % 4 == 0 ? CustomerTier.PLUS : CustomerTier.STANDARD;
            String phone = "+86" + (new String[] {"138", "139", "186", "150", "177"}[i % 5]) + String.format("%08d", 10_000_000 + i * 7_919);
            register.add(customers.create(new NewCustomer(name, tier, i % 7 == 0 ? "老客户，偏好电话联系。" : null, List.of(phone),
                    i % 3 == 0 ? List.of("customer" + i + "@example.com") : List.of()), SEEDER.username()));
        }
        String[][] colleagues = {{"hotline", "刘洋"}, {"hotline", "黄敏"}, {"online", "吴静"}, {"online", "徐磊"},
            {"after-sales", "马超"}, {"after-sales", "朱丽"}, {"major-complaints", "郭涛"}};
        // every demo login has the password "demo": moved in as its hash, as logins from an earlier system would be
        String demo = encoder.encode("demo");
        List<NewUser> logins = new ArrayList<>();
        for (String[] u : USERS) {
            logins.add(new NewUser(u[0], u[1], u[2], u[3], u[4] == null ? null : teams.get(u[4]),
                    "CUSTOMER".equals(u[3]) ? register.get(0).id() : null, demo));
        }
        for (int i = 0; i < colleagues.length; i++) {
            logins.add(new NewUser("agent" + (i + 2), colleagues[i][1], "C" + (1100 + i), "AGENT", teams.get(colleagues[i][0]),
                    null, demo));
        }
        List<Long> ids = accounts.importAll(logins, SEEDER);
        Map<String, Long> users = new HashMap<>();
        for (int i = 0; i < logins.size(); i++) {
            users.put(logins.get(i).username(), ids.get(i));
        }
        Map<Long, List<Long>> staff = new HashMap<>();
        for (int i = 0; i < logins.size(); i++) {
            if (logins.get(i).teamId() != null) {
                staff.computeIfAbsent(logins.get(i).teamId(), t -> new ArrayList<>()).add(ids.get(i));
            }
        }
        List<PlannedSurvey> planned = new ArrayList<>();
        List<Long> ticketIds = tickets.importHistoric(history(random, register, staff, teams, users, planned), SEEDER);
        this.surveys = planned.stream().map(p -> new org.kept.survey.SurveyHistory.HistoricSurvey(ticketIds.get(p.index()),
                p.customerId(), p.teamId(), p.agentId(), p.category(), p.channel(), p.resolvedAt(),
                p.resolvedAt().plus(Duration.ofHours(2)), p.answer(), p.answeredAt())).toList();
        this.hotline = teams.get("hotline");
        this.register = register;
        return users;
    }

    /** 300 tickets over the last four weeks, a dozen of them in the last hours, in every state, each held by its team or one of its people. */
    /** A resolved demo ticket's survey: mostly 1–2, some 3, a few 4 (and then the ticket was reopened). */
    record PlannedSurvey(int index, long customerId, Long teamId, Long agentId, String category, String channel,
                         Instant resolvedAt, int answer, Instant answeredAt) {
    }

    private List<HistoricTicket> history(Random random, List<Customer> register, Map<Long, List<Long>> staff, Map<String, Long> teams,
                                         Map<String, Long> users, List<PlannedSurvey> surveys) {
        Random answers = new Random(20261204);  // its own dice: the tickets stay the ones the other demo tests know
        Instant now = clock.instant();
        TicketState[] states = {TicketState.NEW, TicketState.OPEN, TicketState.OPEN, TicketState.PENDING_CUSTOMER,
            TicketState.PENDING_INTERNAL, TicketState.RESOLVED, TicketState.CLOSED, TicketState.CLOSED};
        Channel[] channels = {Channel.PHONE, Channel.PHONE, Channel.PHONE, Channel.CHAT, Channel.EMAIL, Channel.WECHAT, Channel.PORTAL};
        List<String> teamCodes = List.of("hotline", "online", "after-sales", "major-complaints");
        long agent = users.get("agent");
        List<HistoricTicket> out = new ArrayList<>();
        DemoCurve curve = DemoCurve.of(now, zone.zone());
        for (int i = 0; i < 300; i++) {
            // on the same curve as the demo's calls, so the forecast and the call records agree in shape
            Instant created = curve.sample(random, now.minus(Duration.ofDays(28)), now);
            if (i < 12) {
                created = now.minus(Duration.ofMinutes(10L + i * 37));
            }
            String[] subject = SUBJECTS[random.nextInt(SUBJECTS.length)];
            TicketState state = i < 12 ? (i % 3 == 0 ? TicketState.NEW : TicketState.OPEN) : states[random.nextInt(states.length)];
            boolean complaint = "COMPLAINT".equals(subject[0]);
            int priority = "safety".equals(subject[1]) ? 1 : complaint ? 1 + random.nextInt(3) : 2 + random.nextInt(3);
            String team = "safety".equals(subject[1]) ? "major-complaints" : teamCodes.get(random.nextInt(3));
            List<Long> members = staff.get(teams.get(team));
            Long assignee = state == TicketState.NEW && random.nextBoolean() ? null : members.get(random.nextInt(members.size()));
            if (i < 8) {
                assignee = agent;
                team = "hotline";
            }
            Customer customer = i < 5 ? register.get(0) : register.get(random.nextInt(register.size()));
            Instant updated = created.plus(Duration.ofMinutes(5 + random.nextInt(600)));
            if (updated.isAfter(now)) {
                updated = now;
            }
            String phone = customer.phones().get(0);
            Channel channel = channels[random.nextInt(channels.length)];
            NewTicket ticket = new NewTicket(TicketType.valueOf(subject[0]), subject[1], channel, Priority.ofRank(priority),
                    subject[2], "客户来电反映：" + subject[2] + "。客户要求尽快处理并回电，联系电话 " + phone.substring(3) + "。",
                    complaint ? "上周五下午 3 点左右" : null, complaint ? "北京市朝阳区" : null, null, phone, customer.id(),
                    teams.get(team), assignee);
            List<HistoricTicket.Step> timeline = new ArrayList<>();
            boolean reopened = false;
            if ((state == TicketState.RESOLVED || state == TicketState.CLOSED) && answers.nextInt(10) < 7) {
                // surveyed two hours after the resolution, answered within three hours
                Instant answeredAt = updated.plus(Duration.ofMinutes(120 + 5 + answers.nextInt(175)));
                if (answeredAt.isBefore(now)) {
                    // about one in fifteen not solved, one in nine unhappy with the attitude, the rest satisfied
                    int k = surveys.size();
                    int answer = k % 15 == 7 ? 4 : k % 9 == 4 ? 3 : answers.nextInt(100) < 55 ? 1 : 2;
                    long by = assignee == null ? agent : assignee;
                    surveys.add(new PlannedSurvey(i, customer.id(), teams.get(team), by, subject[1],
                            channel == Channel.PHONE || channel == Channel.CHAT ? "SMS" : "LINK", updated, answer, answeredAt));
                    if (answer == 4) {
                        // "问题未解决": the ticket was reopened by the answer and is being worked again
                        timeline.add(new HistoricTicket.Step(new TicketChange.StateChanged(TicketState.RESOLVED,
                                TicketState.OPEN), by, answeredAt));
                        reopened = true;
                    }
                }
            }
            if (reopened) {
                long by = assignee == null ? agent : assignee;
                timeline.add(0, new HistoricTicket.Step(new TicketChange.StateChanged(TicketState.NEW, TicketState.RESOLVED),
                        by, updated));
                // the same draws as any worked ticket's note and reply, so the tickets after it stay the same
                TicketChange note = new TicketChange.NoteAdded(NOTES[random.nextInt(NOTES.length)]);
                timeline.add(0, new HistoricTicket.Step(new TicketChange.Replied(REPLIES[random.nextInt(REPLIES.length)], false),
                        by, created.plus(Duration.ofMinutes(4))));
                timeline.add(0, new HistoricTicket.Step(note, by, created.plus(Duration.ofMinutes(3))));
                updated = timeline.get(timeline.size() - 1).at();
                state = TicketState.OPEN;
            } else if (state != TicketState.NEW) {
                long by = assignee == null ? agent : assignee;
                timeline.add(new HistoricTicket.Step(new TicketChange.NoteAdded(NOTES[random.nextInt(NOTES.length)]), by,
                        created.plus(Duration.ofMinutes(3))));
                timeline.add(new HistoricTicket.Step(new TicketChange.Replied(REPLIES[random.nextInt(REPLIES.length)], false), by,
                        created.plus(Duration.ofMinutes(4))));
                timeline.add(new HistoricTicket.Step(new TicketChange.StateChanged(TicketState.NEW, state), by,
                        created.plus(Duration.ofMinutes(4))));
            }
            out.add(new HistoricTicket(ticket, agent, created, state, updated, timeline));
        }
        return out;
    }
}
