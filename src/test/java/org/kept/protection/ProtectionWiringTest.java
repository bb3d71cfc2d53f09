package org.kept.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kept.support.Api.body;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kept.contact.Contacts;
import org.kept.contact.Direction;
import org.kept.contact.NewContact;
import org.kept.customer.Customer;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.TestClock;
import org.kept.ticket.Channel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Protection reaching the other doors: a restricted caller's new call is answered to the PBX from the restriction (the
 * harassment queue with its message, never a silent drop), and an agent who took a flagged contact leaves routing for
 * a recovery break.
 */
@KeptTest
class ProtectionWiringTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    Contacts contacts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    private long flag(CurrentUser agent, Customer caller, String level) {
        long contact = contacts.record(new NewContact(Channel.PHONE, Direction.INBOUND, "wire-" + System.nanoTime(),
                caller.primaryPhone(), caller.id(), null, agent.id(), clock.instant(), "来电辱骂"), agent).id();
        return fixtures.api(agent).post("/api/v1/protection/flags", body("contactId", contact, "level", level)).expect(201).id();
    }

    @Test
    void aRestrictedCallersNewCallIsSentToTheHarassmentQueueWithItsMessage() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        CurrentUser agent = fixtures.user("AGENT");
        Customer caller = fixtures.customer("受限来电" + unique);
        long flag = flag(agent, caller, "ABUSE");
        Api lead = fixtures.api(fixtures.user("LEAD"));
        long id = lead.post("/api/v1/protection/restrictions", body("kind", "PHONE", "value", caller.primaryPhone(),
                "action", "HARASSMENT_QUEUE", "reason", "多次辱骂", "flagIds", List.of(flag), "expiresAt",
                OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(30).truncatedTo(ChronoUnit.SECONDS).toString()))
                .expect(201).id();
        String token = "wire-" + unique;
        jdbc.sql("insert into phone_integration (name, secret, token, enabled, created_at) values (?, ?, ?, true, current_timestamp)")
                .params("wire-" + unique, "wire-secret", token).update();
        Api pbx = fixtures.api();

        // pending: nothing happens to the caller yet
        JsonNode pending = pbx.post("/api/v1/cti/events?token=" + token, body("event", "newCall", "callId", "w1-" + unique,
                "from", caller.primaryPhone(), "to", "4008001234", "direction", "in", "queue", "hotline")).expect(200).json();
        assertThat(pending.has("advice")).isFalse();

        fixtures.api(fixtures.user("LEAD")).post("/api/v1/protection/restrictions/" + id + "/decision",
                body("approve", true)).expect(200);
        String local = caller.primaryPhone().replace("+86", "");
        JsonNode restricted = pbx.post("/api/v1/cti/events?token=" + token, body("event", "newCall", "callId", "w2-" + unique,
                "from", local, "to", "4008001234", "direction", "in", "queue", "hotline")).expect(200).json();
        assertThat(restricted.path("advice").path("action").asString()).isEqualTo("play");
        assertThat(restricted.path("advice").path("then").asString()).isEqualTo("queue");
        assertThat(restricted.path("advice").path("queue").asString()).isEqualTo("harassment");
        assertThat(restricted.path("advice").path("prompt").asString()).isNotBlank();
        assertThat(restricted.path("advice").path("by").asString()).isEqualTo("protection.restriction");
        assertThat(jdbc.sql("select hit_count from caller_restriction where id = ?").param(id).query(Long.class).single())
                .isEqualTo(1);

        // another caller is untouched
        JsonNode other = pbx.post("/api/v1/cti/events?token=" + token, body("event", "newCall", "callId", "w3-" + unique,
                "from", "13911112222", "direction", "in", "queue", "hotline")).expect(200).json();
        assertThat(other.has("advice")).isFalse();
    }

    @Test
    void anAgentWhoTookAFlaggedContactIsTakenOffRoutingToRecover() {
        CurrentUser agent = fixtures.user("AGENT");
        Api api = fixtures.api(agent);
        api.put("/api/v1/routing/presence", body("state", "AVAILABLE")).expect(200);
        flag(agent, fixtures.customer("辱骂来电"), "AGGRESSION");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode presence = api.get("/api/v1/routing/presence").expect(200).json();
            assertThat(presence.path("state").asString()).isEqualTo("NOT_READY");
            assertThat(presence.path("reason").asString()).isEqualTo("recovery");
        });
        // the agent decides when they are ready again
        api.put("/api/v1/routing/presence", body("state", "AVAILABLE")).expect(200);
    }
}
