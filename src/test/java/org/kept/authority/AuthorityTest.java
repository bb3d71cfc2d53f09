package org.kept.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.authority.internal.GrantDesk;
import org.kept.identity.CurrentUser;
import org.kept.identity.IdentityChanged;
import org.kept.shared.KeptException;
import org.kept.shared.Money;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.kept.support.TestClock;
import org.kept.ticket.Tickets;
import org.kept.ticket.TimelineEntry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Authority through the API: limits per case, per agent and day, per customer over 30 days; exception requests along
 * the chain computed from the limits, never approved by their requester, ended by any rejection, withdrawn rather than
 * edited, expiring with the next level told; racing grants that cannot both pass a limit; idempotency and masking.
 * Each test has its own team (so its lead is the only one asked) and personal limits (so no role's limit changes).
 */
@KeptTest
class AuthorityTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    GrantDesk desk;
    @Autowired
    Tickets tickets;
    @Autowired
    TestClock clock;

    String team;
    CurrentUser agent;
    CurrentUser lead;
    Api agentApi;
    Api leadApi;
    Api admin;
    long customer;
    long ticket;

    @BeforeEach
    void aTeamWithAnOutsourcedAgentAndItsLead() {
        team = "auth-" + Long.toString(System.nanoTime(), 36);
        jdbc.sql("insert into team (code, name) values (?, ?)").params(team, "授权测试组").update();
        events.publishEvent(new IdentityChanged("test", "test.refresh", "team:" + team, ""));
        agent = fixtures.user("OUTSOURCED", team);
        lead = fixtures.user("LEAD", team);
        agentApi = fixtures.api(agent);
        leadApi = fixtures.api(lead);
        admin = fixtures.api(fixtures.user("ADMIN", null));
        customer = fixtures.customer("授权客户").id();
        ticket = fixtures.ticket(agentApi, customer, "快递丢失要求补偿").id();
    }

    /** A personal limit for the agent, in 分. */
    void limit(CurrentUser who, String action, long perCase, Long perDay, Long perCustomer) {
        admin.put("/api/v1/authority/limits", body("userId", who.id(), "action", action, "currency", "CNY",
                "perCase", perCase, "perDay", perDay, "perCustomer30d", perCustomer)).expect(200);
    }

    Response grant(Api as, long ticketId, String amount, String evidence) {
        return as.post("/api/v1/tickets/" + ticketId + "/grants", body("action", "COMPENSATION", "amount", amount,
                "currency", "CNY", "reason", "快递丢失", "evidence", evidence));
    }

    long requestOf(Response r) {
        r.expect(202);
        assertThat(r.json().path("outcome").asText()).isEqualTo("REQUESTED");
        return r.json().path("request").path("id").asLong();
    }

    List<String> kinds(long ticketId) {
        return tickets.timeline(ticketId).stream().map(TimelineEntry::kind).toList();
    }

    @Test
    void withinThePerCaseLimitItIsGrantedAtOnceAboveItNeedsEvidenceAndBecomesARequest() {
        limit(agent, "COMPENSATION", 500, 3_000L, 1_000L);
        Response ok = grant(agentApi, ticket, "5.00", null).expect(201);
        assertThat(ok.json().path("outcome").asText()).isEqualTo("GRANTED");
        assertThat(ok.json().path("grant").path("amount").path("minor").asLong()).isEqualTo(500);
        Response refused = grant(agentApi, ticket, "5.01", null).expect(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("evidence");
        long id = requestOf(grant(agentApi, ticket, "5.01", "快递单号 SF123，签收记录为空"));
        JsonNode r = agentApi.get("/api/v1/authority/requests/" + id).expect(200).json();
        assertThat(r.path("state").asText()).isEqualTo("PENDING");
        assertThat(r.path("chain").size()).isEqualTo(1);
        assertThat(r.path("chain").get(0).path("role").asText()).isEqualTo("LEAD");
        assertThat(kinds(ticket)).contains("AUTHORITY_GRANT", "AUTHORITY_REQUEST");
        // the lead finds it waiting and approves it: the grant follows, on the ticket
        JsonNode waiting = leadApi.get("/api/v1/authority/requests").expect(200).json().path("waiting");
        assertThat(waiting.findValuesAsString("id")).contains(Long.toString(id));
        leadApi.post("/api/v1/authority/requests/" + id + "/decisions", body("decision", "APPROVE", "comment", "情况属实"))
                .expect(200);
        JsonNode onTicket = agentApi.get("/api/v1/tickets/" + ticket + "/grants").expect(200).json();
        assertThat(onTicket.path("grants").size()).isEqualTo(2);
        assertThat(onTicket.path("requests").get(0).path("state").asText()).isEqualTo("APPROVED");
        assertThat(kinds(ticket)).contains("AUTHORITY_DECISION");
    }

    @Test
    void thePerDayMaximumCountsEverythingTheAgentGrantedToday() {
        limit(agent, "COMPENSATION", 500, 1_200L, null);
        grant(agentApi, ticket, "5.00", null).expect(201);
        long other = fixtures.ticket(agentApi, fixtures.customer("另一位客户").id(), "另一单").id();
        grant(agentApi, other, "5.00", null).expect(201);
        Response over = grant(agentApi, other, "2.01", null).expect(422);
        assertThat(over.body()).contains("daily").doesNotContain("30-day");
        grant(agentApi, other, "2.00", null).expect(201);
    }

    @Test
    void thePerCustomerMaximumCountsEveryAgentOverThirtyDays() {
        limit(agent, "COMPENSATION", 500, null, 800L);
        CurrentUser colleague = fixtures.user("OUTSOURCED", team);
        limit(colleague, "COMPENSATION", 500, null, 800L);
        grant(agentApi, ticket, "5.00", null).expect(201);
        Response over = grant(fixtures.api(colleague), ticket, "3.01", null).expect(422);
        assertThat(over.body()).contains("30-day");
        grant(fixtures.api(colleague), ticket, "3.00", null).expect(201);
        // 31 days on (API tokens have expired by then, so through the desk), the customer's window has moved past them
        try (var later = clock.moved(Duration.ofDays(31))) {
            assertThat(desk.grantOrRequest(ticket, new GrantDesk.GrantForm("COMPENSATION", Money.of(500, "CNY"), "一个月后",
                    null), agent).grant()).isNotNull();
        }
    }

    @Test
    void aChainClimbsPastTheLeadWhenTheLeadsLimitDoesNotCoverIt() {
        CurrentUser complaints = fixtures.user("COMPLAINTS", "major-complaints");
        long id = requestOf(grant(agentApi, ticket, "300.00", "乘客财物损失，见照片"));
        JsonNode r = agentApi.get("/api/v1/authority/requests/" + id).expect(200).json();
        assertThat(r.path("chain").findValuesAsString("role")).containsExactly("LEAD", "COMPLAINTS");
        Api complaintsApi = fixtures.api(complaints);
        // not yet the complaints group's turn
        complaintsApi.post("/api/v1/authority/requests/" + id + "/decisions", body("decision", "APPROVE", "comment", "可以"))
                .expect(403);
        leadApi.post("/api/v1/authority/requests/" + id + "/decisions", body("decision", "APPROVE", "comment", "同意上报"))
                .expect(200);
        assertThat(complaintsApi.get("/api/v1/authority/requests").expect(200).json().path("waiting")
                .findValuesAsString("id")).contains(Long.toString(id));
        JsonNode done = complaintsApi.post("/api/v1/authority/requests/" + id + "/decisions",
                body("decision", "APPROVE", "comment", "批准")).expect(200).json();
        assertThat(done.path("state").asText()).isEqualTo("APPROVED");
        assertThat(agentApi.get("/api/v1/tickets/" + ticket + "/grants").json().path("grants").get(0)
                .path("requestId").asLong()).isEqualTo(id);
    }

    @Test
    void nobodyApprovesTheirOwnRequest() {
        fixtures.user("COMPLAINTS", "major-complaints");
        long leadsTicket = fixtures.ticket(leadApi, customer, "组长的工单").id();
        long id = requestOf(grant(leadApi, leadsTicket, "300.00", "证据"));
        JsonNode chain = leadApi.get("/api/v1/authority/requests/" + id).json().path("chain");
        assertThat(chain.findValuesAsString("role")).containsExactly("COMPLAINTS");
        Response self = leadApi.post("/api/v1/authority/requests/" + id + "/decisions",
                body("decision", "APPROVE", "comment", "自己批"));
        self.expect(403);
        assertThat(self.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anyRejectionEndsTheRequest() {
        CurrentUser complaints = fixtures.user("COMPLAINTS", "major-complaints");
        long id = requestOf(grant(agentApi, ticket, "300.00", "证据"));
        leadApi.post("/api/v1/authority/requests/" + id + "/decisions", body("decision", "REJECT", "comment", "不符合规定"))
                .expect(200);
        assertThat(agentApi.get("/api/v1/authority/requests/" + id).json().path("state").asText()).isEqualTo("REJECTED");
        fixtures.api(complaints).post("/api/v1/authority/requests/" + id + "/decisions",
                body("decision", "APPROVE", "comment", "批准")).expect(409);
        assertThat(agentApi.get("/api/v1/tickets/" + ticket + "/grants").json().path("grants").size()).isZero();
        // a rejection needs its reason
        long again = requestOf(grant(agentApi, ticket, "8.00", "证据"));
        leadApi.post("/api/v1/authority/requests/" + again + "/decisions", body("decision", "REJECT")).expect(422);
    }

    @Test
    void aRequestIsWithdrawnByItsRequesterAndNeverDecidedAfterwards() {
        long id = requestOf(grant(agentApi, ticket, "8.00", "证据"));
        leadApi.post("/api/v1/authority/requests/" + id + "/withdrawal", body("reason", "替他撤回")).expect(403);
        JsonNode w = agentApi.post("/api/v1/authority/requests/" + id + "/withdrawal", body("reason", "金额填错，重新提交"))
                .expect(200).json();
        assertThat(w.path("state").asText()).isEqualTo("WITHDRAWN");
        leadApi.post("/api/v1/authority/requests/" + id + "/decisions", body("decision", "APPROVE", "comment", "好"))
                .expect(409);
        // a request is never edited: there is no route to change one; a new one is filed instead
        requestOf(grant(agentApi, ticket, "7.00", "证据"));
        assertThat(kinds(ticket)).contains("AUTHORITY_WITHDRAWN");
    }

    @Test
    void aRequestNobodyDecidesExpiresAndTheNextLevelIsTold() {
        CurrentUser complaints = fixtures.user("COMPLAINTS", "major-complaints");
        long id = requestOf(grant(agentApi, ticket, "8.00", "证据"));
        desk.expireDue(clock.instant());
        assertThat(agentApi.get("/api/v1/authority/requests/" + id).json().path("state").asText()).isEqualTo("PENDING");
        try (var later = clock.moved(desk.decisionTime().plusMinutes(1))) {
            desk.expireDue(clock.instant());
        }
        assertThat(agentApi.get("/api/v1/authority/requests/" + id).json().path("state").asText()).isEqualTo("EXPIRED");
        assertThat(kinds(ticket)).contains("AUTHORITY_EXPIRED");
        // the expiry escalates under the SLA: the ticket climbs the escalation ladder, on its timeline
        assertThat(kinds(ticket)).contains("ESCALATED");
        assertThat(kinds(ticket).indexOf("ESCALATED")).isGreaterThan(kinds(ticket).indexOf("AUTHORITY_EXPIRED"));
        assertThat(jdbc.sql("select escalation_level from sla_clock where ticket_id = ?").param(ticket).query(Integer.class)
                .single()).isGreaterThanOrEqualTo(1);
        JsonNode told = fixtures.api(complaints).get("/api/v1/notifications").expect(200).json();
        assertThat(told.toString()).contains("AUTHORITY_EXPIRED");
        leadApi.post("/api/v1/authority/requests/" + id + "/decisions", body("decision", "APPROVE", "comment", "晚了"))
                .expect(409);
    }

    @Test
    void twoGrantsAtOnceCannotBothPassTheDailyLimit() throws Exception {
        limit(agent, "COMPENSATION", 500, 500L, null);
        int racers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    return desk.grantOrRequest(ticket, new GrantDesk.GrantForm("COMPENSATION", Money.of(200, "CNY"),
                            "并发", null), agent).grant() != null;
                } catch (KeptException refused) {
                    return false;
                }
            }));
        }
        start.countDown();
        int granted = 0;
        for (Future<Boolean> f : results) {
            granted += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(granted).isEqualTo(2);
        assertThat(jdbc.sql("select sum(amount_minor) from authority_grant where agent_id = ?").param(agent.id())
                .query(Long.class).single()).isEqualTo(400L);
    }

    @Test
    void aRetriedGrantWithTheSameKeyGrantsOnce() {
        limit(agent, "COMPENSATION", 500, null, null);
        Api keyed = agentApi.header("Idempotency-Key", "grant-" + ticket);
        long first = keyed.post("/api/v1/tickets/" + ticket + "/grants", body("action", "COMPENSATION", "amount", "3.00",
                "reason", "重试")).expect(201).json().path("grant").path("id").asLong();
        long second = keyed.post("/api/v1/tickets/" + ticket + "/grants", body("action", "COMPENSATION", "amount", "3.00",
                "reason", "重试")).expect(201).json().path("grant").path("id").asLong();
        assertThat(second).isEqualTo(first);
        assertThat(agentApi.get("/api/v1/tickets/" + ticket + "/grants").json().path("grants").size()).isEqualTo(1);
    }

    @Test
    void reasonsAreMaskedForRolesWithoutPersonalDataRights() {
        limit(agent, "COMPENSATION", 500, null, null);
        agentApi.post("/api/v1/tickets/" + ticket + "/grants", body("action", "COMPENSATION", "amount", "1.00",
                "reason", "客户手机13812345678未收到")).expect(201);
        String outsourced = agentApi.get("/api/v1/tickets/" + ticket + "/grants").expect(200).body();
        assertThat(outsourced).doesNotContain("13812345678");
        String complaints = fixtures.api(fixtures.user("COMPLAINTS", "major-complaints"))
                .get("/api/v1/tickets/" + ticket + "/grants").expect(200).body();
        assertThat(complaints).contains("13812345678");
    }

    @Test
    void limitsAreDataAnAdministratorEditsAndTheReportSumsGrants() {
        limit(agent, "GOODWILL_GIFT", 1_000, null, null);
        JsonNode mine = agentApi.get("/api/v1/authority/my-limits").expect(200).json();
        assertThat(mine.toString()).contains("GOODWILL_GIFT");
        agentApi.post("/api/v1/tickets/" + ticket + "/grants", body("action", "GOODWILL_GIFT", "amount", "9.99",
                "reason", "报表测试")).expect(201);
        admin.put("/api/v1/authority/limits", body("role", "", "action", "COMPENSATION", "currency", "CNY", "perCase", 1))
                .expect(422);
        admin.put("/api/v1/authority/actions/MILEAGE_POINTS", body("nameZh", "里程积分", "nameEn", "Mileage points")).expect(200);
        assertThat(admin.get("/api/v1/authority/actions").json().toString()).contains("MILEAGE_POINTS");
        JsonNode report = admin.get("/api/v1/reports/authority").expect(200).json();
        assertThat(report.path("agents").toString()).contains(agent.displayName());
        assertThat(report.path("reasons").toString()).contains("报表测试");
        // a lead reads only their own team's figures
        JsonNode teamOnly = leadApi.get("/api/v1/reports/authority").expect(200).json();
        assertThat(teamOnly.path("agents").toString()).contains(agent.displayName());
        leadApi.get("/api/v1/reports/authority?team=" + fixtures.team("hotline")).expect(403);
    }
}
