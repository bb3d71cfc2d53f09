package org.kept.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.kept.calendar.CalendarDefinition;
import org.kept.calendar.Calendars;
import org.kept.customer.CustomerTier;
import org.kept.support.Api;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * What the customer is told after an expedite (加急): from the centre, in the customer's language only, at times inside
 * the team's service hours, and never against a promise already made on the ticket.
 */
@KeptTest
@Import(SlaWorld.class)
class ExpediteNoticeTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    SlaWorld world;

    @Autowired
    Calendars calendars;

    @Test
    void theCentreTellsTheCustomerInTheirLanguageOnly() {
        SlaWorld.Desk desk = world.desk(60, null, 600);
        long zhCustomer = world.customer(CustomerTier.STANDARD);
        long zh = world.ticket(desk.agent(), zhCustomer, desk.team(), "退款没到账").get("id").asLong();
        desk.agent().post("/api/v1/tickets/" + zh + "/expedite", body("reason", "客户急需用款")).expect(201);
        JsonNode toZh = centreReply(desk.agent().language("zh-CN"), zh);
        assertThat(toZh.get("body").asString()).startsWith("您的加急请求已受理").doesNotContainPattern("[A-Za-z]");
        assertThat(toZh.get("actor").asString()).isEqualTo("客服中心").isNotEqualTo(desk.agentUser().displayName());
        assertThat(centreReply(desk.agent().language("en"), zh).get("actor").asString()).isEqualTo("Customer service centre");

        long enCustomer = world.customer(CustomerTier.STANDARD);
        world.customers.preferLocale(enCustomer, Locale.ENGLISH);
        long en = world.ticket(desk.agent(), enCustomer, desk.team(), "Refund missing").get("id").asLong();
        desk.agent().post("/api/v1/tickets/" + en + "/expedite", body("reason", "needs the money")).expect(201);
        assertThat(centreReply(desk.agent().language("zh-CN"), en).get("body").asString())
                .startsWith("Your request to expedite has been accepted").doesNotContainPattern("\\p{IsHan}");
    }

    @Test
    void timesToldFallInsideTheTeamsServiceHours() {
        // the SLA clock runs round the clock; the team answers customers 09:00-18:00
        SlaWorld.Desk desk = world.desk(60, null, 600);
        long hours = officeHours();
        Api admin = world.fixtures.api(world.fixtures.user("ADMIN"));
        long teamId = world.fixtures.team(desk.team());
        admin.put("/api/v1/sla/team-hours/" + teamId, body("calendarId", 999_999)).expect(422);
        admin.put("/api/v1/sla/team-hours/" + teamId, body("calendarId", hours)).expect(200);
        assertThat(admin.get("/api/v1/sla/team-hours").expect(200).body()).contains("\"teamId\":" + teamId);

        // 21:00 in Shanghai: the expedited deadline (half of 600 minutes) falls at about 02:00, when nobody answers
        try (var night = world.clock.stoppedAt(LocalDateTime.of(2026, 12, 7, 21, 0).atZone(SHANGHAI).toInstant())) {
            // a token taken at the stopped time (one from the real time would have expired there)
            Api agent = world.fixtures.api(desk.agentUser());
            long id = world.ticket(agent, world.customer(CustomerTier.STANDARD), desk.team(), "深夜加急").get("id").asLong();
            agent.post("/api/v1/tickets/" + id + "/expedite", body("reason", "明早要用")).expect(201);
            String told = centreReply(agent, id).get("body").asString();
            // the first hour after opening, 10:00 the next morning, not 02:00
            assertThat(told).contains("2026-12-08 10:00").doesNotContain(" 02:");
        }
    }

    @Test
    void anOpenPromiseIsWhatTheCustomerHearsNotTheClocksTime() {
        SlaWorld.Desk desk = world.desk(600, 240, 6000);
        try (var morning = world.clock.stoppedAt(LocalDateTime.of(2026, 12, 7, 10, 0).atZone(SHANGHAI).toInstant())) {
            Api agent = world.fixtures.api(desk.agentUser());
            long id = world.ticket(agent, world.customer(CustomerTier.STANDARD), desk.team(), "说好下午回电").get("id").asLong();
            agent.post("/api/v1/tickets/" + id + "/replies", body("body", "已收到，正在核实。")).expect(200);
            agent.post("/api/v1/tickets/" + id + "/commitments", body("promise", "15:00 前回电告知结果",
                    "due", LocalDateTime.of(2026, 12, 7, 15, 0).atZone(SHANGHAI).toOffsetDateTime().toString())).expect(201);
            agent.post("/api/v1/tickets/" + id + "/expedite", body("reason", "客户催办")).expect(201);
            String told = centreReply(agent, id).get("body").asString();
            // the next update was pulled in to about 12:00; the agent promised 15:00, and that is what the customer hears
            assertThat(told).contains("2026-12-07 15:00").doesNotContain("2026-12-07 12:");
        }
    }

    /** A calendar of 09:00-18:00 every day in Shanghai. */
    private long officeHours() {
        List<CalendarDefinition.Period> periods = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            periods.add(new CalendarDefinition.Period(d, 540, 1080));
        }
        return calendars.create(new CalendarDefinition("客服时间 " + world.team(), SHANGHAI, false, periods, List.of(), List.of()),
                world.fixtures.user("ADMIN"), null).id();
    }

    /** The centre's reply on the ticket's timeline, as this caller reads it. */
    private JsonNode centreReply(Api api, long ticket) {
        return api.get("/api/v1/tickets/" + ticket + "/timeline").expect(200).json().valueStream()
                .filter(e -> e.get("kind").asString().equals("REPLY")).reduce((a, b) -> b).orElseThrow();
    }
}
