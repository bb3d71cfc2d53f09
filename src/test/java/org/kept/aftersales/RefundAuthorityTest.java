package org.kept.aftersales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.aftersales.internal.RefundWorker;
import org.kept.authority.internal.GrantDesk;
import org.kept.identity.CurrentUser;
import org.kept.identity.IdentityChanged;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.kept.support.TestClock;
import org.kept.ticket.Tickets;
import org.kept.ticket.TimelineEntry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A refund an agent asks for goes through the authority limits: within them it reaches the provider at once; above
 * them it waits for its exception request and reaches the provider only when that is approved, never when it is
 * rejected, withdrawn or expires. Every move of refunds and cases is on the ticket's timeline and in the audit log.
 */
@KeptTest
@Import(ScriptedProvider.Config.class)
class RefundAuthorityTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    ScriptedProvider provider;
    @Autowired
    RefundWorker worker;
    @Autowired
    GrantDesk grants;
    @Autowired
    Tickets tickets;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;

    CurrentUser agent;
    Api agentApi;
    Api leadApi;
    Api admin;
    long ticket;

    @BeforeEach
    void anAgentAndTheLeadOfTheirTeam() {
        provider.reset();
        String team = "rfa-" + Long.toString(System.nanoTime(), 36);
        jdbc.sql("insert into team (code, name) values (?, ?)").params(team, "退款授权组").update();
        events.publishEvent(new IdentityChanged("test", "test.refresh", "team:" + team, ""));
        agent = fixtures.user("AGENT", team);
        agentApi = fixtures.api(agent);
        leadApi = fixtures.api(fixtures.user("LEAD", team));
        admin = fixtures.api(fixtures.user("ADMIN", null));
        // the agent's own refund limit: 50 yuan a case (the demo's AGENT limit, set here so a centre's edits do not matter)
        admin.put("/api/v1/authority/limits", body("userId", agent.id(), "action", "REFUND", "currency", "CNY",
                "perCase", 5_000, "perDay", 100_000, "perCustomer30d", 100_000)).expect(200);
        ticket = fixtures.ticket(agentApi, fixtures.customer("退款授权客户").id(), "耳机退款").id();
    }

    /** An order of one line paid {@code paid} through the scripted provider; returns the line id. */
    long line(String paid) {
        String no = "RA" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        return admin.post("/api/v1/orders", body("orderNo", no, "placedAt", "2026-11-20T10:00:00+08:00", "currency", "CNY",
                        "receiver", body("name", "张伟", "phone", "+8613900002222", "address", "上海市浦东新区世纪大道100号"),
                        "lines", List.of(body("lineNo", 1, "title", "耳机", "quantity", 1, "paid", paid, "category", "ELECTRONICS")),
                        "payments", List.of(body("provider", "SCRIPTED", "transactionId", "TX" + no, "amount", paid,
                                "paidAt", "2026-11-20T10:01:00+08:00"))))
                .expect(201).json().path("lines").path(0).path("id").asLong();
    }

    long held(long line) {
        return jdbc.sql("select refunded_minor from aftersales_order_line where id = ?").param(line).query(Long.class).single();
    }

    List<String> kinds() {
        return tickets.timeline(ticket).stream().map(TimelineEntry::kind).toList();
    }

    long audited(String action) {
        return jdbc.sql("select count(*) from audit_entry where action = ? and subject = ?")
                .params(action, "ticket:" + tickets.get(ticket).number()).query(Long.class).single();
    }

    @Test
    void withinTheLimitTheRefundIsGrantedAndSubmittedAtOnce() {
        long line = line("80.00");
        JsonNode r = agentApi.post("/api/v1/refunds", body("ticketId", ticket, "lineId", line, "amount", "50.00",
                "reason", "质量问题")).expect(201).json();
        assertThat(r.path("state").asString()).isEqualTo("PROCESSING");
        assertThat(r.path("authorityRequestId").isNull()).isTrue();
        assertThat(provider.moved).containsEntry(r.path("refundNo").asString(), 5_000L);
        // the grant counts against the agent's limits like any other
        assertThat(jdbc.sql("select count(*) from authority_grant where ticket_id = ? and action_code = 'REFUND' "
                + "and amount_minor = 5000").param(ticket).query(Long.class).single()).isEqualTo(1);
        assertThat(kinds()).containsSubsequence("REFUND_REQUESTED", "REFUND_PROCESSING");
        assertThat(audited("ticket.refund_requested")).isEqualTo(1);
        assertThat(audited("ticket.refund_processing")).isEqualTo(1);
    }

    @Test
    void aboveTheLimitTheRefundWaitsForItsRequestAndIsSubmittedOnlyWhenApproved() {
        long line = line("120.00");
        // no evidence above the limit: refused, and nothing is held against the line
        agentApi.post("/api/v1/refunds", body("ticketId", ticket, "lineId", line, "amount", "80.00")).expect(422);
        assertThat(held(line)).isZero();
        JsonNode r = agentApi.post("/api/v1/refunds", body("ticketId", ticket, "lineId", line, "amount", "80.00",
                "reason", "屏幕碎裂", "evidence", "签收照片")).expect(201).json();
        String refundNo = r.path("refundNo").asString();
        long request = r.path("authorityRequestId").asLong();
        assertThat(r.path("state").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(request).isPositive();
        assertThat(held(line)).isEqualTo(8_000);
        // the worker leaves it alone: the provider hears nothing before the approval
        worker.runDue();
        try (var later = clock.moved(java.time.Duration.ofMinutes(30))) {
            worker.runDue();
        }
        assertThat(provider.submits.get()).isZero();
        // what is held is held: the rest of the line is all another refund can take
        agentApi.post("/api/v1/refunds", body("ticketId", ticket, "lineId", line, "amount", "40.01")).expect(409);
        // the requester cannot approve it; the team's lead can
        agentApi.post("/api/v1/authority/requests/" + request + "/decisions", body("decision", "APPROVE", "comment", "自己批"))
                .expect(403);
        leadApi.post("/api/v1/authority/requests/" + request + "/decisions", body("decision", "APPROVE", "comment", "情况属实"))
                .expect(200);
        JsonNode after = agentApi.get("/api/v1/refunds/" + r.path("id").asLong()).expect(200).json();
        assertThat(after.path("state").asString()).isEqualTo("PROCESSING");
        assertThat(provider.moved).containsEntry(refundNo, 8_000L);
        assertThat(provider.movements.get(refundNo).get()).isEqualTo(1);
        assertThat(held(line)).isEqualTo(8_000);
        assertThat(kinds()).containsSubsequence("AUTHORITY_REQUEST", "REFUND_AWAITING", "AUTHORITY_DECISION",
                "REFUND_REQUESTED", "REFUND_PROCESSING");
        // a later query settles it; the worker never sends it twice
        try (var later = clock.moved(java.time.Duration.ofMinutes(5))) {
            worker.runDue();
        }
        assertThat(agentApi.get("/api/v1/refunds/" + r.path("id").asLong()).json().path("state").asString())
                .isEqualTo("SUCCEEDED");
        assertThat(provider.movements.get(refundNo).get()).isEqualTo(1);
        assertThat(kinds()).contains("REFUND_SUCCEEDED");
        assertThat(audited("ticket.refund_succeeded")).isEqualTo(1);
    }

    @Test
    void aRejectedWithdrawnOrExpiredRequestClosesItsRefundAndGivesTheAmountBack() {
        long line = line("300.00");
        Response rejected = agentApi.post("/api/v1/refunds", body("ticketId", ticket, "lineId", line, "amount", "90.00",
                "evidence", "照片")).expect(201);
        leadApi.post("/api/v1/authority/requests/" + rejected.json().path("authorityRequestId").asLong() + "/decisions",
                body("decision", "REJECT", "comment", "不符合退款条件")).expect(200);
        assertThat(agentApi.get("/api/v1/refunds/" + rejected.id()).json().path("state").asString()).isEqualTo("CLOSED");
        assertThat(held(line)).isZero();

        Response withdrawn = agentApi.post("/api/v1/refunds", body("ticketId", ticket, "lineId", line, "amount", "70.00",
                "evidence", "照片")).expect(201);
        agentApi.post("/api/v1/authority/requests/" + withdrawn.json().path("authorityRequestId").asLong() + "/withdrawal",
                body("reason", "金额填错")).expect(200);
        assertThat(agentApi.get("/api/v1/refunds/" + withdrawn.id()).json().path("state").asString()).isEqualTo("CLOSED");
        assertThat(held(line)).isZero();

        Response expiring = agentApi.post("/api/v1/refunds", body("ticketId", ticket, "lineId", line, "amount", "60.00",
                "evidence", "照片")).expect(201);
        try (var later = clock.moved(grants.decisionTime().plusMinutes(1))) {
            grants.expireDue(clock.instant());
        }
        assertThat(agentApi.get("/api/v1/refunds/" + expiring.id()).json().path("state").asString()).isEqualTo("CLOSED");
        assertThat(held(line)).isZero();
        assertThat(provider.submits.get()).isZero();
        // the expiry escalated the ticket under the SLA
        assertThat(kinds()).containsSubsequence("AUTHORITY_EXPIRED", "ESCALATED");
        assertThat(kinds().stream().filter("REFUND_CLOSED"::equals)).hasSize(3);
        assertThat(audited("ticket.refund_closed")).isEqualTo(3);
    }

    @Test
    void aCaseOpenedItsPickupAndItsClosingAreOnTheTimelineAndAudited() {
        long line = line("40.00");
        long orderId = jdbc.sql("select order_id from aftersales_order_line where id = ?").param(line).query(Long.class).single();
        long aCase = agentApi.post("/api/v1/aftersales/cases", body("ticketId", ticket, "orderId", orderId, "kind", "RETURN",
                "lineIds", List.of(line), "reason", "七天无理由")).expect(201).id();
        agentApi.post("/api/v1/aftersales/cases/" + aCase + "/pickup", body("windowStart", "2026-12-05T09:00:00+08:00"))
                .expect(201);
        agentApi.post("/api/v1/aftersales/cases/" + aCase + "/pickup", body("windowStart", "2026-12-05T09:00:00+08:00"))
                .expect(200);
        int version = agentApi.get("/api/v1/aftersales/cases/" + aCase).json().path("version").asInt();
        agentApi.post("/api/v1/aftersales/cases/" + aCase + "/return-received", body("version", version)).expect(200);
        // a refund of the case takes the case's ticket; while it waits for approval the case cannot close
        JsonNode refund = agentApi.post("/api/v1/refunds", body("caseId", aCase, "lineId", line, "amount", "40.00"))
                .expect(201).json();
        assertThat(refund.path("ticketId").asLong()).isEqualTo(ticket);
        // it was within the limit: it went to the provider; until it has ended the case stays open
        int now = agentApi.get("/api/v1/aftersales/cases/" + aCase).json().path("version").asInt();
        agentApi.post("/api/v1/aftersales/cases/" + aCase + "/close", body("version", now, "note", "已退款")).expect(409);
        try (var later = clock.moved(java.time.Duration.ofMinutes(5))) {
            worker.runDue();
        }
        agentApi.post("/api/v1/aftersales/cases/" + aCase + "/close", body("version", now, "note", "已退款")).expect(200);
        assertThat(agentApi.get("/api/v1/aftersales/cases/" + aCase).json().path("state").asString()).isEqualTo("CLOSED");
        assertThat(kinds()).containsSubsequence("CASE_OPEN", "PICKUP_SCHEDULED",
                "CASE_RETURN_RECEIVED", "REFUND_REQUESTED", "REFUND_SUCCEEDED", "CASE_CLOSED");
        assertThat(kinds().stream().filter("PICKUP_SCHEDULED"::equals)).hasSize(1);
        assertThat(audited("ticket.case_open")).isEqualTo(1);
        assertThat(audited("ticket.pickup_scheduled")).isEqualTo(1);
        assertThat(audited("ticket.case_closed")).isEqualTo(1);
    }
}
