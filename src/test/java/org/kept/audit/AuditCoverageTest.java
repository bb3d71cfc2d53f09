package org.kept.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Changes the centre works by are in the audit log with who made them: SLA policies, scripts (话术), published rosters,
 * forecast overrides, business notices and the knowledge index rebuild.
 */
@KeptTest
class AuditCoverageTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void slaPolicyCreateUpdateAndDeleteAreAuditedWithTheActor() {
        CurrentUser adminUser = fixtures.user("ADMIN", null);
        Api admin = fixtures.api(adminUser);
        long team = newTeam();
        long id = admin.post("/api/v1/sla/policies", body("name", "审计策略", "position", 7, "teamId", team,
                "firstResponseMinutes", 30, "resolutionMinutes", 600)).expect(201).id();
        admin.put("/api/v1/sla/policies/" + id, body("name", "审计策略二", "position", 7, "teamId", team,
                "firstResponseMinutes", 20, "resolutionMinutes", 500, "version", 0)).expect(200);
        admin.delete("/api/v1/sla/policies/" + id + "?version=1").expect(204);

        List<JsonNode> entries = entries("sla-policy:" + id);
        assertThat(entries).extracting(e -> e.path("action").asString())
                .containsExactlyInAnyOrder("sla.policy.create", "sla.policy.update", "sla.policy.delete");
        assertThat(entries).allSatisfy(e -> assertThat(e.path("actor").asString()).isEqualTo(adminUser.username()));
        assertThat(entries).filteredOn(e -> e.path("action").asString().equals("sla.policy.update")).singleElement()
                .satisfies(e -> assertThat(e.path("details").asString()).contains("审计策略", "审计策略二", "first 30", "first 20"));
    }

    @Test
    void scriptsAndTheIndexRebuildAreAudited() {
        CurrentUser leadUser = fixtures.user("LEAD");
        Api lead = fixtures.api(leadUser);
        String code = "audit-" + System.nanoTime();
        long script = lead.post("/api/v1/knowledge/scripts", body("code", code, "name", "审计话术", "channel", "PHONE",
                "body", "您好，工号 {agentId}")).expect(201).id();
        lead.put("/api/v1/knowledge/scripts/" + script, body("code", code, "name", "审计话术", "channel", "ANY",
                "body", "您好")).expect(200);
        assertThat(entries("script:" + script)).extracting(e -> e.path("action").asString() + " " + e.path("actor").asString())
                .containsExactlyInAnyOrder("knowledge.script.create " + leadUser.username(),
                        "knowledge.script.update " + leadUser.username());

        CurrentUser adminUser = fixtures.user("ADMIN", null);
        fixtures.api(adminUser).post("/api/v1/knowledge/index/rebuild", null).expect(200);
        assertThat(entries("knowledge-index")).anySatisfy(e -> {
            assertThat(e.path("action").asString()).isEqualTo("knowledge.index.rebuild");
            assertThat(e.path("actor").asString()).isEqualTo(adminUser.username());
        });
    }

    @Test
    void rosterPublishingForecastOverridesAndNoticesAreAudited() {
        CurrentUser plannerUser = fixtures.user("PLANNER", null);
        Api planner = fixtures.api(plannerUser);
        long roster = planner.post("/api/v1/workforce/rosters", body("name", "审计排班", "startsOn", "2040-03-05", "days", 1,
                "memberIds", List.of(fixtures.user("AGENT").id()))).expect(201).id();
        // solving is another test's subject: here the roster is made solved directly, then published through the API
        jdbc.sql("update wf_roster set state = 'SOLVED' where id = ?").param(roster).update();
        planner.post("/api/v1/workforce/rosters/" + roster + "/publish", null).expect(200);
        assertThat(entries("roster:" + roster)).extracting(e -> e.path("action").asString() + " " + e.path("actor").asString())
                .containsExactly("workforce.roster.publish " + plannerUser.username());

        planner.put("/api/v1/workforce/forecast/overrides", body("day", "2040-02-01", "channel", "ALL", "kind", "CAMPAIGN",
                "factor", 1.5, "note", "双十一")).expect(204);
        planner.delete("/api/v1/workforce/forecast/overrides?day=2040-02-01&channel=ALL").expect(204);
        assertThat(entries("forecast-override:2040-02-01/ALL"))
                .extracting(e -> e.path("action").asString() + " " + e.path("actor").asString())
                .containsExactlyInAnyOrder("workforce.override.save " + plannerUser.username(),
                        "workforce.override.remove " + plannerUser.username());

        long notice = planner.post("/api/v1/workforce/notices", body("title", "审计通知", "body", "套餐下线", "kind", "RETIRE",
                "effectiveAt", "2040-01-01T00:00:00Z")).expect(201).id();
        assertThat(entries("notice:" + notice)).singleElement().satisfies(e -> {
            assertThat(e.path("action").asString()).isEqualTo("workforce.notice.create");
            assertThat(e.path("actor").asString()).isEqualTo(plannerUser.username());
            assertThat(e.path("details").asString()).contains("审计通知");
        });
    }

    private long newTeam() {
        String code = "audit-" + Long.toString(System.nanoTime(), 36);
        jdbc.sql("insert into team (code, name) values (?, ?)").params(code, "审计组").update();
        long id = fixtures.team(code);
        fixtures.api(fixtures.user("ADMIN", null)).put("/api/v1/admin/teams/" + id, body("name", "审计组")).expect(200);
        return id;
    }

    private List<JsonNode> entries(String subject) {
        Api compliance = fixtures.api(fixtures.user("COMPLIANCE", null));
        return List.copyOf(compliance.get("/api/v1/audit/entries?subject=" + subject).expect(200).json().values());
    }
}
