package org.kept.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.routing.internal.Router;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.kept.support.TestClock;
import org.kept.ticket.Channel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Presence, offers and rules through the API, and the out-of-hours advice on the PBX's newCall answer (the phone
 * module's {@code NewCallAdvisor} extension point, implemented here).
 */
@KeptTest
class RoutingApiTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Routing routing;

    @Autowired
    Router router;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAgentSetsTheirStateAcceptsAnOfferAndFinishesThroughTheApi() {
        String skill = "api" + UUID.randomUUID().toString().substring(0, 6);
        Api admin = fixtures.api(fixtures.user("ADMIN"));
        CurrentUser agent = fixtures.user("AGENT");
        Api me = fixtures.api(agent);
        assertThat(me.get("/api/v1/routing/presence").expect(200).json().path("state").asString()).isEqualTo("OFFLINE");
        assertThat(me.get("/api/v1/routing/presence").json().path("reasons").findValuesAsString("code"))
                .contains("break", "meal", "training", "recovery");
        admin.put("/api/v1/routing/agents/" + agent.id() + "/skills", body("skills", Map.of(skill, 3))).expect(200);
        assertThat(admin.get("/api/v1/routing/agents/" + agent.id() + "/skills").json().path("skills").path(skill).asInt())
                .isEqualTo(3);
        Response created = admin.header("Idempotency-Key", "q-" + skill).post("/api/v1/routing/queues", body("code", "api-" + skill,
                "name", "接口队列", "channel", "CHAT", "skills", List.of(body("skill", skill, "minLevel", 2))));
        assertThat(created.status()).isEqualTo(201);
        Response replay = admin.header("Idempotency-Key", "q-" + skill).post("/api/v1/routing/queues", body("code", "api-" + skill,
                "name", "接口队列", "channel", "CHAT", "skills", List.of(body("skill", skill, "minLevel", 2))));
        assertThat(replay.id()).isEqualTo(created.id());
        assertThat(admin.post("/api/v1/routing/queues", body("code", "Bad Code", "channel", "CHAT")).status()).isEqualTo(422);
        assertThat(admin.put("/api/v1/routing/queues/" + created.id(), body("code", "api-" + skill, "name", "改名",
                "channel", "CHAT", "priority", 3, "skills", List.of(body("skill", skill, "minLevel", 2)), "version", 0))
                .expect(200).json().path("priority").asInt()).isEqualTo(3);
        assertThat(admin.put("/api/v1/routing/queues/" + created.id(), body("code", "api-" + skill, "name", "旧版",
                "channel", "CHAT", "version", 0)).status()).isEqualTo(409);

        me.put("/api/v1/routing/presence", body("state", "NOT_READY", "reason", "training")).expect(200);
        assertThat(me.put("/api/v1/routing/presence", body("state", "NOT_READY", "reason", "nap")).status()).isEqualTo(422);
        assertThat(me.put("/api/v1/routing/presence", body("state", "ON_CONTACT")).status()).isEqualTo(422);
        me.put("/api/v1/routing/presence", body("state", "AVAILABLE")).expect(200);

        Routing.Submission s = routing.submit(new Routing.WorkRequest(Channel.CHAT, "api-" + skill, "chat-" + skill, 0, null));
        router.runOnce();
        var offered = me.get("/api/v1/routing/work").expect(200).json();
        assertThat(offered.get(0).path("id").asLong()).isEqualTo(s.itemId());
        assertThat(offered.get(0).path("state").asString()).isEqualTo("OFFERED");
        assertThat(me.post("/api/v1/routing/work/" + s.itemId() + "/accept", null).expect(200).json().path("state").asString())
                .isEqualTo("ASSIGNED");
        assertThat(me.get("/api/v1/routing/presence").json().path("state").asString()).isEqualTo("ON_CONTACT");
        assertThat(me.put("/api/v1/routing/presence", body("state", "OFFLINE")).status()).isEqualTo(409);
        Api other = fixtures.api(fixtures.user("AGENT"));
        assertThat(other.post("/api/v1/routing/work/" + s.itemId() + "/finish", null).status()).isEqualTo(404);
        me.post("/api/v1/routing/work/" + s.itemId() + "/finish", null).expect(204);
        assertThat(me.get("/api/v1/routing/presence").json().path("state").asString()).isEqualTo("AFTER_CONTACT_WORK");

        Api lead = fixtures.api(fixtures.user("LEAD"));
        var live = lead.get("/api/v1/routing/live").expect(200).json();
        assertThat(live.path("queues").findValuesAsString("code")).contains("api-" + skill);
        var history = admin.get("/api/v1/routing/presence/history?userId=" + agent.id() + "&from="
                + Instant.now().minusSeconds(3600)).expect(200).json();
        assertThat(history.findValuesAsString("state")).containsSubsequence("OFFLINE", "NOT_READY", "AVAILABLE", "ON_CONTACT",
                "AFTER_CONTACT_WORK");
        assertThat(admin.put("/api/v1/routing/channels/EMAIL", body("capacity", 0, "acwSeconds", 60)).status()).isEqualTo(422);
        assertThat(admin.get("/api/v1/routing/channels").expect(200).json().findValuesAsString("channel")).contains("CHAT", "PHONE");
    }

    @Test
    void aNewCallOutOfHoursIsAnsweredWithAdviceForThePbx() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        Api admin = fixtures.api(fixtures.user("ADMIN"));
        long calendar = admin.post("/api/v1/calendars", body("name", "热线日历" + unique, "timeZone", "Asia/Shanghai",
                "weeklyHours", List.of(body("day", "MONDAY", "from", "09:00", "to", "18:00")))).expect(201).id();
        long night = admin.post("/api/v1/routing/queues", body("code", "night-" + unique, "name", "夜间应急", "channel", "PHONE"))
                .expect(201).id();
        admin.post("/api/v1/routing/queues", body("code", "hotline-" + unique, "name", "热线", "channel", "PHONE",
                "calendarId", calendar, "closedAction", "ANSWER", "closedMessage", "我们将于 {time} 回来")).expect(201);
        admin.post("/api/v1/routing/queues", body("code", "urgent-" + unique, "name", "热线应急", "channel", "PHONE",
                "calendarId", calendar, "closedAction", "NIGHT_QUEUE", "nightQueueId", night)).expect(201);
        String token = "route-" + unique;
        jdbc.sql("insert into phone_integration (name, secret, token, enabled, created_at) values (?, ?, ?, true, current_timestamp)")
                .params("route-" + unique, "route-secret", token).update();
        Api pbx = fixtures.api();
        // Tuesday 2031-03-04 20:00 in Shanghai: closed until Monday 09:00
        try (var m = clock.stoppedAt(Instant.parse("2031-03-04T12:00:00Z"))) {
            var closed = pbx.post("/api/v1/cti/events?token=" + token, body("event", "newCall", "callId", "c1-" + unique,
                    "from", "13800001111", "to", "4008001234", "direction", "in", "queue", "hotline-" + unique)).expect(200).json();
            assertThat(closed.path("advice").path("action").asString()).isEqualTo("play");
            assertThat(closed.path("advice").path("then").asString()).isEqualTo("hangup");
            assertThat(closed.path("advice").path("prompt").asString()).isEqualTo("我们将于 2031-03-10 09:00 回来");
            var urgent = pbx.post("/api/v1/cti/events?token=" + token, body("event", "newCall", "callId", "c2-" + unique,
                    "from", "13800001111", "direction", "in", "queue", "urgent-" + unique)).expect(200).json();
            assertThat(urgent.path("advice").path("then").asString()).isEqualTo("queue");
            assertThat(urgent.path("advice").path("queue").asString()).isEqualTo("night-" + unique);
            var answered = pbx.post("/api/v1/cti/events?token=" + token, body("event", "answer", "callId", "c1-" + unique,
                    "user", "nobody")).expect(200).json();
            assertThat(answered.has("advice")).as("only a newCall carries advice").isFalse();
        }
        // Monday 10:00: open, no advice
        try (var m = clock.stoppedAt(Instant.parse("2031-03-10T02:00:00Z"))) {
            var open = pbx.post("/api/v1/cti/events?token=" + token, body("event", "newCall", "callId", "c3-" + unique,
                    "from", "13800001111", "direction", "in", "queue", "hotline-" + unique)).expect(200).json();
            assertThat(open.has("advice")).isFalse();
        }
    }
}
