package org.kept.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.kept.callback.Callbacks;
import org.kept.customer.Customer;
import org.kept.identity.CurrentUser;
import org.kept.identity.LoginEvent;
import org.kept.sms.SmsReceived;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.TestClock;
import org.kept.survey.internal.SurveySender;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Surveys end to end on the real application: who gets one and when, the cap, expiry, answers by SMS and by the
 * one-time link, "4" reopening the ticket with a callback, and the integrity signals. The SMS and callback modules
 * are recorded ({@link SurveyDoubles}); everything of the survey's own is real.
 */
@KeptTest
@Import(SurveyDoubles.class)
class SurveyTest {

    static final Duration AFTER_DELAY = Duration.ofHours(2).plusMinutes(1);

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    /** A link survey goes by mail only when the centre has a mailbox to send it from (the mail module's rule). */
    @org.junit.jupiter.api.BeforeEach
    void aMailbox() {
        aMailbox(jdbc);
    }

    static void aMailbox(JdbcClient jdbc) {
        if (jdbc.sql("select count(*) from mail_mailbox where address = 'surveys@kept.test'").query(Long.class).single() == 0) {
            try {
                jdbc.sql("insert into mail_mailbox (address, created_at) values ('surveys@kept.test', current_timestamp)").update();
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // another test made it
            }
        }
    }

    @Autowired
    TestClock clock;

    @Autowired
    SurveySender sender;

    @Autowired
    SurveyDoubles.RecordingSms sms;

    @Autowired
    SurveyDoubles.RecordingCallbacks callbacks;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    MockMvc mvc;

    @Test
    void aResolvedPhoneTicketGetsOneSmsSurveyAfterTheDelayAndNeverASecond() {
        Api agent = fixtures.api(fixtures.user("AGENT"));
        Customer customer = fixtures.customer("回访对象");
        long ticket = ticket(agent, customer.id(), "PHONE", null);
        assertThat(state(ticket)).as("no survey before the ticket is resolved").isNull();
        resolve(agent, ticket);
        assertThat(state(ticket)).isEqualTo("SCHEDULED");

        assertThat(sender.runDue(clock.instant(), List.of(ticket))).as("not before the delay").isZero();
        assertThat(sendDue(ticket)).isEqualTo(1);
        assertThat(state(ticket)).isEqualTo("SENT");
        assertThat(sms.to(customer.primaryPhone())).singleElement().satisfies(r -> {
            assertThat(r.template()).isEqualTo("SURVEY");
            assertThat(r.ticketId()).isEqualTo(ticket);
            assertThat(r.customerId()).isEqualTo(customer.id());
        });

        reopen(agent, ticket);
        resolve(agent, ticket);
        assertThat(sendDue(ticket)).as("one survey per ticket").isZero();
        assertThat(sms.to(customer.primaryPhone())).hasSize(1);
    }

    @Test
    void aReopenedTicketsSurveyWaitsForItsNextResolution() {
        Api agent = fixtures.api(fixtures.user("AGENT"));
        Customer customer = fixtures.customer("重开等待");
        long ticket = ticket(agent, customer.id(), "PHONE", null);
        resolve(agent, ticket);
        reopen(agent, ticket);
        assertThat(sendDue(ticket)).as("an open ticket is not surveyed").isZero();
        resolve(agent, ticket);
        assertThat(sendDue(ticket)).isEqualTo(1);
    }

    @Test
    void aCustomerIsSurveyedAtMostOncePerCapPeriod() {
        Api agent = fixtures.api(fixtures.user("AGENT"));
        Customer customer = fixtures.customer("不打扰");
        long first = ticket(agent, customer.id(), "PHONE", null);
        long second = ticket(agent, customer.id(), "PHONE", null);
        resolve(agent, first);
        resolve(agent, second);
        assertThat(sendDue(first)).isEqualTo(1);
        assertThat(sendDue(second)).isZero();
        assertThat(state(second)).isEqualTo("SKIPPED");
        assertThat(jdbc.sql("select skip_reason from survey where ticket_id = ?").param(second).query(String.class).single())
                .isEqualTo("CAP");
        assertThat(sms.to(customer.primaryPhone())).hasSize(1);

        long third = ticket(agent, customer.id(), "PHONE", null);
        resolve(agent, third);
        try (var later = clock.moved(Duration.ofDays(8))) {
            assertThat(sender.runDue(clock.instant(), List.of(third))).as("after the cap, again").isEqualTo(1);
        }
    }

    @Test
    void anUnansweredSurveyExpiresAndALateReplyChangesNothing() {
        Api agent = fixtures.api(fixtures.user("AGENT"));
        Customer customer = fixtures.customer("过期");
        long ticket = surveyed(agent, customer);
        Instant late = clock.instant().plus(Duration.ofDays(4));
        try (var m = clock.moved(Duration.ofDays(4))) {
            sender.runDue(clock.instant(), List.of(ticket));
            assertThat(state(ticket)).isEqualTo("EXPIRED");
            events.publishEvent(new SmsReceived(-1, customer.primaryPhone(), "4", customer.id(), late));
        }
        assertThat(state(ticket)).isEqualTo("EXPIRED");
        assertThat(ticketState(agent, ticket)).isEqualTo("RESOLVED");
        assertThat(callbacks.ofTicket(ticket)).isEmpty();
    }

    @Test
    void notSolvedReopensTheTicketAndAsksForACallback() throws Exception {
        CurrentUser holder = fixtures.user("AGENT");
        Api agent = fixtures.api(holder);
        Customer customer = fixtures.customer("没解决");
        long ticket = surveyed(agent, customer);
        events.publishEvent(new SmsReceived(-2, customer.primaryPhone(), " ４ 还是不行", customer.id(), clock.instant()));

        assertThat(state(ticket)).isEqualTo("ANSWERED");
        assertThat(ticketState(agent, ticket)).as("reopened, its SLA clocks running again").isEqualTo("OPEN");
        assertThat(callbacks.ofTicket(ticket)).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo(Callbacks.Reason.SURVEY_NOT_SOLVED);
            assertThat(c.number()).isEqualTo(customer.primaryPhone());
            assertThat(c.teamId()).isEqualTo(holder.teamId());
        });
        assertThat(agent.get("/api/v1/tickets/" + ticket + "/timeline").body()).contains("SURVEY_ANSWERED");
        mvc.perform(get("/console/tickets/" + ticket).with(user(holder)).header("Accept-Language", "zh-CN"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("客户回访评价：问题未解决")));

        events.publishEvent(new SmsReceived(-3, customer.primaryPhone(), "1", customer.id(), clock.instant()));
        assertThat(jdbc.sql("select answer from survey where ticket_id = ?").param(ticket).query(Integer.class).single())
                .as("the first answer is final").isEqualTo(4);
        assertThat(signals(ticket)).as("the survey's own reopening is no signal").isEmpty();
    }

    @Test
    void unhappyWithTheAttitudeGoesToTheTeamLeadAsACallback() {
        CurrentUser holder = fixtures.user("AGENT");
        Api agent = fixtures.api(holder);
        Customer customer = fixtures.customer("态度");
        long ticket = surveyed(agent, customer);
        events.publishEvent(new SmsReceived(-4, customer.primaryPhone(), "3", customer.id(), clock.instant()));
        assertThat(ticketState(agent, ticket)).isEqualTo("RESOLVED");
        assertThat(callbacks.ofTicket(ticket)).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo(Callbacks.Reason.SURVEY_UNHAPPY);
            assertThat(c.teamId()).isEqualTo(holder.teamId());
        });
    }

    @Test
    void aMessageThatIsNoMenuChoiceIsLeftAlone() {
        Api agent = fixtures.api(fixtures.user("AGENT"));
        Customer customer = fixtures.customer("普通短信");
        long ticket = surveyed(agent, customer);
        for (String text : List.of("12", "谢谢", "", "5")) {
            events.publishEvent(new SmsReceived(-5, customer.primaryPhone(), text, customer.id(), clock.instant()));
        }
        assertThat(state(ticket)).isEqualTo("SENT");
    }

    @Test
    void satisfiedThenReopenedWithinAWeekIsASignal() {
        Api agent = fixtures.api(fixtures.user("AGENT"));
        Customer customer = fixtures.customer("满意又重开");
        long ticket = surveyed(agent, customer);
        events.publishEvent(new SmsReceived(-6, customer.primaryPhone(), "1", customer.id(), clock.instant()));
        assertThat(signals(ticket)).isEmpty();
        reopen(agent, ticket);
        assertThat(signals(ticket)).containsExactly("REOPENED_AFTER_SATISFIED");
    }

    @Test
    void aSurveySentToANumberThatIsNotTheCustomersAndSharedWithOthersIsFlagged() {
        Api agent = fixtures.api(fixtures.user("AGENT"));
        String staffPhone = fixtures.customer("号码来源").primaryPhone();
        long first = ticket(agent, fixtures.customer("甲").id(), "PHONE", staffPhone);
        long second = ticket(agent, fixtures.customer("乙").id(), "PHONE", staffPhone);
        resolve(agent, first);
        resolve(agent, second);
        sendDue(first);
        sendDue(second);
        assertThat(signals(first)).containsExactly("CONTACT_CHANGED");
        assertThat(signals(second)).containsExactly("CONTACT_CHANGED", "SHARED_ADDRESS");
    }

    @Test
    void aLinkSurveyIsAnsweredOnceOnItsPageAndAnAnswerFromAStaffNetworkIsFlagged() throws Exception {
        CurrentUser staff = fixtures.user("AGENT");
        Api agent = fixtures.api(staff);
        Customer customer = fixtures.customer("邮件客户");
        long ticket = ticket(agent, customer.id(), "EMAIL", null);
        resolve(agent, ticket);
        String token = sendLink(ticket, customer);

        mvc.perform(get("/s/" + token).header("Accept-Language", "zh-CN"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("问题未解决")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("checked"))));
        mvc.perform(get("/s/not-a-token")).andExpect(status().isNotFound());
        mvc.perform(post("/s/" + token).with(csrf()).with(from("203.0.113.9")).param("choice", "9"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/s/" + token).with(from("203.0.113.9")).param("choice", "1"))
                .andExpect(status().isForbidden());

        events.publishEvent(new LoginEvent(staff.username(), true, "form", "198.51.100.7"));
        mvc.perform(post("/s/" + token).with(csrf()).with(from("198.51.100.7")).param("choice", "1")
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Thank you")));
        assertThat(state(ticket)).isEqualTo("ANSWERED");
        assertThat(signals(ticket)).containsExactly("STAFF_NETWORK");
        mvc.perform(post("/s/" + token).with(csrf()).with(from("203.0.113.9")).param("choice", "4"))
                .andExpect(status().isGone());
        mvc.perform(get("/s/" + token)).andExpect(status().isGone());
        assertThat(jdbc.sql("select answer from survey where ticket_id = ?").param(ticket).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void theResultsCountFinalAnswersPerTeamAgentAndCategoryForLeadsOnly() {
        CurrentUser holder = fixtures.user("AGENT", "online");
        Api agent = fixtures.api(holder);
        Customer a = fixtures.customer("结果甲");
        Customer b = fixtures.customer("结果乙");
        Customer c = fixtures.customer("结果丙");
        long t1 = ticket(agent, a.id(), "PHONE", null);
        long t2 = ticket(agent, b.id(), "PHONE", null);
        long t3 = ticket(agent, c.id(), "PHONE", null);
        for (long t : List.of(t1, t2, t3)) {
            resolve(agent, t);
            sendDue(t);
        }
        events.publishEvent(new SmsReceived(-7, a.primaryPhone(), "1", a.id(), clock.instant()));
        events.publishEvent(new SmsReceived(-8, b.primaryPhone(), "4", b.id(), clock.instant()));

        Api lead = fixtures.api(fixtures.user("LEAD", "online"));
        var report = lead.get("/api/v1/reports/surveys").expect(200).json();
        var agentLine = java.util.stream.StreamSupport.stream(report.path("agents").spliterator(), false)
                .filter(l -> l.path("id").asLong() == holder.id()).findFirst().orElseThrow();
        assertThat(agentLine.path("sent").asLong()).isEqualTo(3);
        assertThat(agentLine.path("answered").asLong()).isEqualTo(2);
        assertThat(agentLine.path("csat").asDouble()).isEqualTo(0.5);
        assertThat(agentLine.path("notSolvedRate").asDouble()).isEqualTo(0.5);
        assertThat(report.path("teams")).allSatisfy(t -> assertThat(t.path("id").asLong()).isEqualTo(holder.teamId()));

        assertThat(agent.get("/api/v1/reports/surveys").status()).as("agents see no answers").isEqualTo(403);
        assertThat(lead.get("/api/v1/reports/surveys?team=" + fixtures.team("hotline")).status()).isEqualTo(403);
        assertThat(lead.get("/api/v1/reports/surveys?from=2026-02-01&to=2026-01-01").status()).isEqualTo(422);
    }

    @Test
    void theResultsPageIsForReadersOfReportsAndShowsNoNumbers() throws Exception {
        CurrentUser holder = fixtures.user("AGENT");
        Api agent = fixtures.api(holder);
        Customer customer = fixtures.customer("页面权限");
        long ticket = surveyed(agent, customer);
        events.publishEvent(new SmsReceived(-9, customer.primaryPhone(), "2", customer.id(), clock.instant()));
        for (String role : List.of("AGENT", "OUTSOURCED", "COMPLAINTS", "COMPLIANCE")) {
            mvc.perform(get("/console/reports/surveys").with(user(fixtures.user(role)))).andExpect(status().isForbidden());
        }
        String national = customer.primaryPhone().substring(3);
        for (String role : List.of("LEAD", "PLANNER", "ADMIN")) {
            mvc.perform(get("/console/reports/surveys").with(user(fixtures.user(role))).header("Accept-Language", "en"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(Matchers.containsString("Survey results")))
                    .andExpect(content().string(Matchers.not(Matchers.containsString(national))));
        }
    }

    // --- helpers ---

    static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    long ticket(Api agent, long customerId, String channel, String contactPhone) {
        Map<String, Object> body = new HashMap<>(Map.of("type", "INQUIRY", "subject", "回访测试", "customerId", customerId,
                "channel", channel, "handling", "SELF", "category", "billing"));
        if (contactPhone != null) {
            body.put("contactPhone", contactPhone);
        }
        return agent.post("/api/v1/tickets", body).expect(201).id();
    }

    /** A phone ticket of the customer, resolved, its survey sent. */
    long surveyed(Api agent, Customer customer) {
        long ticket = ticket(agent, customer.id(), "PHONE", null);
        resolve(agent, ticket);
        assertThat(sendDue(ticket)).isEqualTo(1);
        return ticket;
    }

    void resolve(Api agent, long ticket) {
        int version = agent.get("/api/v1/tickets/" + ticket).version();
        agent.post("/api/v1/tickets/" + ticket + "/transitions", Api.body("to", "RESOLVED", "version", version)).expect(200);
    }

    void reopen(Api agent, long ticket) {
        int version = agent.get("/api/v1/tickets/" + ticket).version();
        agent.post("/api/v1/tickets/" + ticket + "/transitions", Api.body("to", "OPEN", "version", version)).expect(200);
    }

    String ticketState(Api agent, long ticket) {
        return agent.get("/api/v1/tickets/" + ticket).json().path("state").asString();
    }

    int sendDue(long ticket) {
        try (var m = clock.moved(AFTER_DELAY)) {
            return sender.runDue(clock.instant(), List.of(ticket));
        }
    }

    /** Sends a link survey and reads its token from the mail in the contact outbox. */
    String sendLink(long ticket, Customer customer) {
        assertThat(sendDue(ticket)).isEqualTo(1);
        String payload = jdbc.sql("select payload from contact_outbox where channel = 'EMAIL' and payload like ? "
                + "order by id desc limit 1").param("%" + customer.primaryEmail() + "%").query(String.class).single();
        return payload.replaceAll(".*/s/([A-Za-z0-9_-]+).*", "$1");
    }

    String state(long ticket) {
        return jdbc.sql("select state from survey where ticket_id = ?").param(ticket).query(String.class).optional().orElse(null);
    }

    List<String> signals(long ticket) {
        return jdbc.sql("select g.kind from survey_signal g join survey s on s.id = g.survey_id where s.ticket_id = ? "
                + "order by g.kind").param(ticket).query(String.class).list();
    }
}
