package org.kept.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A customer contacting us again about an open ticket: proposed, linked, counted, raised, visible and reported. */
@KeptTest
class RepeatContactTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Api agent;
    long customer;

    @BeforeEach
    void anAgentAndACustomer() {
        agent = fixtures.api(fixtures.user("AGENT"));
        customer = fixtures.customer("重复来电客户").id();
    }

    long ticket(String subject, String description, String category) {
        return agent.post("/api/v1/tickets", body("type", "COMPLAINT", "subject", subject, "description", description,
                "category", category, "customerId", customer, "priority", "P3")).expect(201).id();
    }

    @Test
    void theMatchingOpenTicketComesFirstAndClosedOnesAreNeverProposed() {
        long refund = ticket("退款一直没有到账", "上周申请退款，银行卡还没收到钱", "refund");
        long delivery = ticket("快递丢件", "包裹显示已签收但本人没有收到", "delivery");
        long closed = ticket("退款没有到账（旧）", "退款没有到账", "refund");
        int version = agent.get("/api/v1/tickets/" + closed).version();
        agent.post("/api/v1/tickets/" + closed + "/transitions", body("to", "RESOLVED", "version", version)).expect(200);

        JsonNode matches = agent.get("/api/v1/customers/" + customer + "/open-matches?text="
                + enc("我的退款到现在还没到账") + "&category=refund").expect(200).json();
        assertThat(matches.size()).isGreaterThanOrEqualTo(1);
        assertThat(matches.get(0).path("id").asLong()).isEqualTo(refund);
        assertThat(matches.get(0).path("sameCategory").asBoolean()).isTrue();
        assertThat(matches.get(0).path("sharedTerms").toString()).contains("退款", "到账");
        assertThat(matches.toString()).doesNotContain("\"id\":" + closed + ",");
        for (JsonNode m : matches) {
            if (m.path("id").asLong() == delivery) {
                assertThat(m.path("score").asDouble()).isLessThan(matches.get(0).path("score").asDouble());
            }
        }
        // words about the parcel find the parcel
        JsonNode parcel = agent.get("/api/v1/customers/" + customer + "/open-matches?text=" + enc("包裹签收了但是没收到"))
                .expect(200).json();
        assertThat(parcel.get(0).path("id").asLong()).isEqualTo(delivery);
    }

    @Test
    void aCallerSayingTheSameMatterInOtherWordsFindsTheTicket() {
        long aircon = ticket("空调安装预约未上门", "约好周六安装空调，师傅一直没有来", null);
        long refund = ticket("退款一直没有到账", "上周申请退款，银行卡还没收到钱", null);
        long parcel = ticket("快递丢件", "包裹显示已签收但本人没有收到", null);
        long invoice = ticket("发票抬头开错", "电子发票公司名称写错了，需要重开", null);
        long washer = ticket("洗衣机漏水", "新买的洗衣机底部漏水", null);
        long member = ticket("会员自动续费未经同意扣款", "会员到期后自动扣了年费", null);
        // colloquial caller wording → the open ticket it is about, and one of the customer's tickets it is not about
        Object[][] calls = {
                {"空调还没来装", aircon, invoice},
                {"钱怎么还没退回来", refund, washer},
                {"东西说送到了可是我没拿到", parcel, invoice},
                {"发票上的名字不对", invoice, aircon},
                {"洗衣机往外渗水", washer, member},
                {"没经过我同意就扣了会员费", member, washer},
        };
        for (Object[] call : calls) {
            JsonNode matches = matches((String) call[0]);
            assertThat(matches.size()).as(call[0] + " → " + matches).isGreaterThanOrEqualTo(1);
            assertThat(matches.get(0).path("id").asLong()).as(call[0] + " → " + matches).isEqualTo((long) call[1]);
            assertThat(matches.get(0).path("meaning").asDouble()).as(call[0] + " → " + matches).isPositive();
            assertThat(ids(matches)).as(call[0] + " → " + matches).doesNotContain((long) call[2]);
        }
        // nothing the customer has open: nothing proposed
        assertThat(ids(matches("我想咨询一下手机套餐怎么换"))).doesNotContain(aircon, refund, parcel, invoice, washer, member);
    }

    @Test
    void theSameWordsStillWinOverTheSameMeaning() {
        long install = ticket("空调安装预约未上门", "约好周六安装空调，师傅一直没有来", null);
        long repair = ticket("空调维修师傅没上门", "空调不制冷，约了维修师傅一直没人来", null);
        JsonNode installFirst = matches("空调安装预约未上门");
        assertThat(installFirst.get(0).path("id").asLong()).as(installFirst.toString()).isEqualTo(install);
        JsonNode repairFirst = matches("空调维修师傅没上门");
        assertThat(repairFirst.get(0).path("id").asLong()).as(repairFirst.toString()).isEqualTo(repair);
        // the words a caller repeats score higher than a paraphrase of them
        assertThat(installFirst.get(0).path("score").asDouble())
                .isGreaterThan(matches("空调还没来装").get(0).path("score").asDouble());
    }

    private JsonNode matches(String text) {
        return agent.get("/api/v1/customers/" + customer + "/open-matches?limit=10&text=" + enc(text)).expect(200).json();
    }

    private static List<Long> ids(JsonNode matches) {
        return matches.valueStream().map(m -> m.path("id").asLong()).toList();
    }

    @Test
    void linkingCountsRaisesPriorityWritesTheTimelineAndTheAuditAndIsIdempotent() {
        long id = ticket("宽带断网三天", "家里宽带一直断网", "outage");
        JsonNode fresh = agent.get("/api/v1/tickets/" + id).expect(200).json();
        assertThat(fresh.path("repeatContacts").asInt()).isZero();
        assertThat(fresh.path("contactCount").asInt()).isEqualTo(1);

        Api keyed = agent.header("Idempotency-Key", "again-" + System.nanoTime());
        Response first = keyed.post("/api/v1/tickets/" + id + "/repeat-contacts", body("channel", "PHONE", "note", "客户再次来电催促"))
                .expect(201);
        assertThat(first.json().path("repeatContacts").asInt()).isEqualTo(1);
        assertThat(first.json().path("contactCount").asInt()).isEqualTo(2);
        assertThat(first.json().path("priority").asString()).isEqualTo("P2");
        assertThat(first.json().path("noReplySinceLastContact").asBoolean()).isTrue();
        Response replay = keyed.post("/api/v1/tickets/" + id + "/repeat-contacts", body("channel", "PHONE", "note", "客户再次来电催促"))
                .expect(200);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json().path("contactCount").asInt()).isEqualTo(2);

        JsonNode second = agent.post("/api/v1/tickets/" + id + "/repeat-contacts", body("channel", "WECHAT")).expect(201).json();
        assertThat(second.path("contactCount").asInt()).isEqualTo(3);
        assertThat(second.path("priority").asString()).isEqualTo("P1");
        JsonNode third = agent.post("/api/v1/tickets/" + id + "/repeat-contacts", body("channel", "PHONE")).expect(201).json();
        assertThat(third.path("priority").asString()).as("never beyond P1, never down").isEqualTo("P1");
        assertThat(third.path("contactCount").asInt()).isEqualTo(4);

        JsonNode timeline = agent.get("/api/v1/tickets/" + id + "/timeline").expect(200).json();
        long contacts = 0;
        long raises = 0;
        for (JsonNode e : timeline) {
            contacts += e.path("kind").asString().equals("REPEAT_CONTACT") ? 1 : 0;
            raises += e.path("kind").asString().equals("PRIORITY") ? 1 : 0;
        }
        assertThat(contacts).isEqualTo(3);
        assertThat(raises).isEqualTo(2);
        String number = third.path("number").asString();
        assertThat(jdbc.sql("select count(*) from audit_entry where subject = ? and action = 'ticket.repeat_contact'")
                .param("ticket:" + number).query(Long.class).single()).isEqualTo(3);

        // a reply clears the alarm; the count stays
        agent.post("/api/v1/tickets/" + id + "/replies", body("body", "已为您联系工程师，今天上门。")).expect(200);
        JsonNode answered = agent.get("/api/v1/tickets/" + id).json();
        assertThat(answered.path("noReplySinceLastContact").asBoolean()).isFalse();
        assertThat(answered.path("contactCount").asInt()).isEqualTo(4);
    }

    @Test
    void aClosedOrResolvedTicketIsNotReopenedByALink() {
        long id = ticket("已解决的问题", "已经处理", "other");
        int version = agent.get("/api/v1/tickets/" + id).version();
        agent.post("/api/v1/tickets/" + id + "/transitions", body("to", "RESOLVED", "version", version)).expect(200);
        Response refused = agent.language("en").post("/api/v1/tickets/" + id + "/repeat-contacts", body("channel", "PHONE"));
        refused.expect(422);
        assertThat(refused.detail()).contains("open ticket");
        JsonNode after = agent.get("/api/v1/tickets/" + id).json();
        assertThat(after.path("state").asString()).isEqualTo("RESOLVED");
        assertThat(after.path("repeatContacts").asInt()).isZero();
    }

    @Test
    void badInput() {
        long id = ticket("校验", "校验", null);
        assertThat(agent.post("/api/v1/tickets/" + id + "/repeat-contacts", body("channel", "PIGEON")).status()).isEqualTo(400);
        assertThat(agent.post("/api/v1/tickets/" + id + "/repeat-contacts", body("note", "长".repeat(2001))).status())
                .isEqualTo(422);
        assertThat(agent.post("/api/v1/tickets/999999999/repeat-contacts", body("channel", "PHONE")).status()).isEqualTo(404);
        assertThat(agent.get("/api/v1/customers/999999999/open-matches?text=x").status()).isEqualTo(404);
        assertThat(agent.get("/api/v1/tickets/" + id).json().path("repeatContacts").asInt()).isZero();
        Api planner = fixtures.api(fixtures.user("PLANNER"));
        assertThat(planner.get("/api/v1/reports/repeat-contacts?from=2026-02-01&to=2026-01-01").status()).isEqualTo(422);
        assertThat(planner.get("/api/v1/reports/repeat-contacts?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void theReportShowsTheRateOfTicketsContactedAgain() {
        long team = fixtures.team("after-sales");
        Api lead = fixtures.api(fixtures.user("LEAD", "after-sales"));
        List<Long> ids = List.of(ticketFor(lead, team, "一"), ticketFor(lead, team, "二"), ticketFor(lead, team, "三"),
                ticketFor(lead, team, "四"));
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        Api planner = fixtures.api(fixtures.user("PLANNER"));
        JsonNode before = row(planner.get("/api/v1/reports/repeat-contacts?from=" + today + "&to=" + today).expect(200).json(), team);
        lead.post("/api/v1/tickets/" + ids.get(0) + "/repeat-contacts", body("channel", "PHONE")).expect(201);
        lead.post("/api/v1/tickets/" + ids.get(0) + "/repeat-contacts", body("channel", "PHONE")).expect(201);
        lead.post("/api/v1/tickets/" + ids.get(1) + "/repeat-contacts", body("channel", "SMS")).expect(201);
        JsonNode report = planner.get("/api/v1/reports/repeat-contacts?from=" + today + "&to=" + today).expect(200).json();
        JsonNode after = row(report, team);
        assertThat(after.path("tickets").asLong() - before.path("tickets").asLong()).isEqualTo(0);
        assertThat(after.path("ticketsWithRepeatContacts").asLong() - before.path("ticketsWithRepeatContacts").asLong())
                .isEqualTo(2);
        assertThat(after.path("repeatContacts").asLong() - before.path("repeatContacts").asLong()).isEqualTo(3);
        assertThat(after.path("rate").asDouble()).isBetween(0.0, 1.0);
        assertThat(report.path("total").path("tickets").asLong()).isGreaterThanOrEqualTo(after.path("tickets").asLong());
        assertThat(agent.get("/api/v1/reports/repeat-contacts").status()).isEqualTo(403);
    }

    private long ticketFor(Api caller, long team, String subject) {
        return caller.post("/api/v1/tickets", body("type", "INQUIRY", "subject", "报表" + subject, "customerId", customer,
                "teamId", team)).expect(201).id();
    }

    private static JsonNode row(JsonNode report, long team) {
        for (JsonNode r : report.path("teams")) {
            if (r.path("teamId").asLong() == team) {
                return r;
            }
        }
        throw new AssertionError("no row for team " + team + " in " + report);
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
