package org.kept.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.kept.sla.internal.SlaWorld.at;
import static org.kept.support.Api.body;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kept.customer.CustomerTier;
import org.kept.support.Api;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** Policies through the API: checked, versioned, idempotent, the fallback kept; deadlines on a business calendar. */
@KeptTest
@Import(SlaWorld.class)
class PolicyApiTest {

    @Autowired
    SlaWorld world;

    @Test
    void anAdministratorManagesPoliciesAndTheFallbackAlwaysRemains() {
        String team = world.team();
        long teamId = world.fixtures.team(team);
        Api admin = world.fixtures.api(world.fixtures.user("ADMIN"));
        Map<String, Object> policy = body("name", "投诉加速", "position", 20, "type", "COMPLAINT", "teamId", teamId,
                "firstResponseMinutes", 30, "nextUpdateMinutes", 240, "resolutionMinutes", 1440, "warnPercent", 75);
        String key = UUID.randomUUID().toString();
        JsonNode created = admin.header("Idempotency-Key", key).post("/api/v1/sla/policies", policy).expect(201).json();
        assertThat(admin.header("Idempotency-Key", key).post("/api/v1/sla/policies", policy).expect(200).id())
                .isEqualTo(created.get("id").asLong());
        long id = created.get("id").asLong();
        assertThat(created.get("warnPercent").asInt()).isEqualTo(75);
        assertThat(created.get("fallback").asBoolean()).isFalse();

        admin.post("/api/v1/sla/policies", body("name", "坏", "firstResponseMinutes", 0, "resolutionMinutes", 10)).expect(422);
        admin.post("/api/v1/sla/policies", body("name", "坏", "firstResponseMinutes", 10, "resolutionMinutes", 10,
                "warnPercent", 100)).expect(422);
        admin.post("/api/v1/sla/policies", body("name", "坏", "firstResponseMinutes", 10, "resolutionMinutes", 10,
                "calendarId", 987654321)).expect(422);
        admin.post("/api/v1/sla/policies", body("firstResponseMinutes", 10, "resolutionMinutes", 10)).expect(422);
        admin.post("/api/v1/sla/policies", body("name", "坏", "firstResponseMinutes", 10, "resolutionMinutes", 10,
                "priority", "P9")).expect(400);

        Map<String, Object> changed = new java.util.LinkedHashMap<>(policy);
        changed.put("firstResponseMinutes", 20);
        changed.put("version", 0);
        assertThat(admin.put("/api/v1/sla/policies/" + id, changed).expect(200).json().get("firstResponseMinutes").asInt())
                .isEqualTo(20);
        admin.put("/api/v1/sla/policies/" + id, changed).expect(409);

        Api agent = world.fixtures.api(world.user("AGENT", team));
        JsonNode complaint = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "投诉");
        assertThat(at(complaint, "firstResponseDue")).isCloseTo(at(complaint, "createdAt").plusSeconds(20 * 60),
                within(2, ChronoUnit.SECONDS));

        // the baseline cannot go: without it some ticket would have no promise at all
        JsonNode fallback = admin.get("/api/v1/sla/policies").expect(200).json().valueStream()
                .filter(p -> p.get("fallback").asBoolean()).findFirst().orElseThrow();
        admin.delete("/api/v1/sla/policies/" + fallback.get("id").asLong() + "?version=" + fallback.get("version").asInt())
                .expect(409);
        admin.delete("/api/v1/sla/policies/" + id + "?version=1").expect(204);
        admin.get("/api/v1/sla/policies/" + id).expect(404);
    }

    @Test
    void deadlinesRunOnThePolicysBusinessCalendar() {
        Api admin = world.fixtures.api(world.fixtures.user("ADMIN"));
        List<Map<String, Object>> week = java.util.stream.Stream.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
                .map(d -> body("day", d, "from", "09:00", "to", "17:00")).toList();
        long calendar = admin.post("/api/v1/calendars", body("name", "工作日", "timeZone", "Asia/Shanghai", "weeklyHours", week))
                .expect(201).id();
        String team = world.team();
        admin.post("/api/v1/sla/policies", body("name", "工作日策略", "position", 20, "teamId", world.fixtures.team(team),
                "calendarId", calendar, "firstResponseMinutes", 60, "resolutionMinutes", 960)).expect(201);
        Api agent = world.fixtures.api(world.user("AGENT", team));
        JsonNode t = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "工作时间内答复");
        String start = t.get("createdAt").asString().replace("+", "%2B");
        JsonNode due = agent.get("/api/v1/calendars/" + calendar + "/due?start=" + start + "&minutes=960").expect(200).json();
        assertThat(at(t, "resolutionDue")).isCloseTo(at(due, "due"), within(2, ChronoUnit.SECONDS));
    }

    @Test
    void onlyAdministratorsSeePolicies() {
        world.fixtures.api(world.fixtures.user("LEAD")).get("/api/v1/sla/policies").expect(403);
    }
}
