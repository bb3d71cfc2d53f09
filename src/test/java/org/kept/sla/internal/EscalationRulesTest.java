package org.kept.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kept.customer.CustomerTier;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** Escalation rules and tiers are rows: seeded with the old behaviour, and what a centre configures is what happens. */
@KeptTest
@Import(SlaWorld.class)
class EscalationRulesTest {

    @Autowired
    SlaWorld world;

    @Autowired
    SlaScheduler scheduler;

    @Autowired
    MockMvc mvc;

    private Api admin() {
        return world.fixtures.api(world.fixtures.user("ADMIN"));
    }

    private String category() {
        String code = "rule-" + UUID.randomUUID().toString().substring(0, 8);
        world.jdbc.sql("insert into ticket_category (code, name_zh, name_en) values (?, ?, ?)").params(code, "规则测试", "rules").update();
        return code;
    }

    @Test
    void theSeedIsTodaysBehaviourAsRows() {
        JsonNode rules = admin().get("/api/v1/sla/escalation-rules").expect(200).json();
        JsonNode words = rules.valueStream().filter(r -> r.path("keywords").isArray()).findFirst().orElseThrow();
        assertThat(words.get("keywords").valueStream().map(JsonNode::asString).toList())
                .startsWith("安全", "safety").contains("police", "监管", "regulator");
        assertThat(words.get("tier").asInt()).isEqualTo(2);
        JsonNode contacts = rules.valueStream().filter(r -> r.path("minContacts").isNumber()).findFirst().orElseThrow();
        assertThat(contacts.get("minContacts").asInt()).isEqualTo(3);
        JsonNode urgent = rules.valueStream().filter(r -> r.path("priority").isString() && r.path("priority").asString().equals("P1")).findFirst().orElseThrow();
        // the order the code tried them in: serious words, then repeat contacts, then P1
        assertThat(words.get("position").asInt()).isLessThan(contacts.get("position").asInt());
        assertThat(contacts.get("position").asInt()).isLessThan(urgent.get("position").asInt());

        JsonNode tiers = admin().get("/api/v1/sla/escalation-tiers").expect(200).json().get("tiers");
        assertThat(tiers.valueStream().map(t -> t.get("holder").asString()).toList()).startsWith("AGENT", "TEAM_LEAD", "TEAM");
        assertThat(tiers.get(2).get("teamId").asLong()).isEqualTo(world.fixtures.team("major-complaints"));
    }

    @Test
    void aCentreWithOtherTeamCodesGetsWhatItsRowsSay() {
        Api admin = admin();
        // this centre's complaints desk has a code of its own; tier 2 points at it by id
        String desk = world.team();
        long deskId = world.fixtures.team(desk);
        JsonNode before = admin.get("/api/v1/sla/escalation-tiers").expect(200).json();
        List<Map<String, Object>> ladder = new ArrayList<>();
        before.get("tiers").forEach(t -> ladder.add(tier(t)));
        List<Map<String, Object>> renamed = new ArrayList<>(ladder);
        renamed.set(2, body("level", 2, "nameZh", "客户关系部", "nameEn", "Customer relations", "holder", "TEAM", "teamId", deskId));
        int version = admin.put("/api/v1/sla/escalation-tiers", body("tiers", renamed, "version", before.get("version").asInt()))
                .expect(200).json().get("version").asInt();
        admin.put("/api/v1/sla/escalation-tiers", body("tiers", renamed, "version", version - 1)).expect(409);
        try {
            String safety = category();
            long rule = admin.post("/api/v1/sla/escalation-rules", body("name", "安全类直达", "position", 5, "category", safety,
                    "tier", 2)).expect(201).id();
            String team = world.desk(600, null, 6000).team();
            Api agent = world.fixtures.api(world.user("AGENT", team));
            long id = agent.post("/api/v1/tickets", body("type", "COMPLAINT", "subject", "电梯异响", "category", safety,
                    "customerId", world.customer(CustomerTier.STANDARD), "teamId", world.fixtures.team(team))).expect(201).id();
            assertThat(scheduler.runDue(Instant.now(), List.of(id))).isEqualTo(1);
            JsonNode moved = agent.get("/api/v1/tickets/" + id).expect(200).json();
            assertThat(moved.get("team").get("id").asLong()).isEqualTo(deskId);
            assertThat(moved.get("escalationLevel").asInt()).isEqualTo(2);
            assertThat(agent.get("/api/v1/tickets/" + id + "/timeline").expect(200).body()).contains("category " + safety);

            // the seeded keyword rule now also lands at this centre's desk, not at the team coded major-complaints
            long serious = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "涉及人身安全").get("id").asLong();
            assertThat(scheduler.runDue(Instant.now(), List.of(serious))).isEqualTo(1);
            assertThat(agent.get("/api/v1/tickets/" + serious).expect(200).json().get("team").get("id").asLong()).isEqualTo(deskId);

            // a disabled rule does nothing
            JsonNode r = admin.get("/api/v1/sla/escalation-rules/" + rule).expect(200).json();
            admin.put("/api/v1/sla/escalation-rules/" + rule, body("name", "安全类直达", "position", 5, "enabled", false,
                    "category", safety, "tier", 2, "version", r.get("version").asInt())).expect(200);
            long quiet = agent.post("/api/v1/tickets", body("type", "COMPLAINT", "subject", "电梯异响", "category", safety,
                    "customerId", world.customer(CustomerTier.STANDARD), "teamId", world.fixtures.team(team))).expect(201).id();
            assertThat(scheduler.runDue(Instant.now(), List.of(quiet))).isZero();
            admin.delete("/api/v1/sla/escalation-rules/" + rule + "?version=" + r.get("version").asInt()).expect(409);
            admin.delete("/api/v1/sla/escalation-rules/" + rule + "?version=" + (r.get("version").asInt() + 1)).expect(204);
        } finally {
            int now = admin.get("/api/v1/sla/escalation-tiers").expect(200).json().get("version").asInt();
            admin.put("/api/v1/sla/escalation-tiers", body("tiers", ladder, "version", now)).expect(200);
        }
        assertThat(world.jdbc.sql("select count(*) from audit_entry where action = 'escalation-tiers.update'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(2);
        assertThat(world.jdbc.sql("select count(*) from audit_entry where action = 'escalation-rule.delete'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void rulesAreCheckedVersionedAndIdempotent() {
        Api admin = admin();
        String safety = category();
        Map<String, Object> rule = body("name", "VIP 投诉", "position", 600_000 + (int) (System.nanoTime() % 100_000),
                "keywords", List.of(" 赔偿-" + safety, ""), "customerTier", "VIP", "tier", 1);
        String key = UUID.randomUUID().toString();
        JsonNode created = admin.header("Idempotency-Key", key).post("/api/v1/sla/escalation-rules", rule).expect(201).json();
        assertThat(admin.header("Idempotency-Key", key).post("/api/v1/sla/escalation-rules", rule).expect(200).id())
                .isEqualTo(created.get("id").asLong());
        assertThat(created.get("keywords").valueStream().map(JsonNode::asString).toList()).containsExactly("赔偿-" + safety);
        assertThat(created.get("customerTier").asString()).isEqualTo("VIP");
        long id = created.get("id").asLong();

        Api bad = admin;
        bad.post("/api/v1/sla/escalation-rules", with(rule, "keywords", List.of())).expect(422);
        bad.post("/api/v1/sla/escalation-rules", with(rule, "keywords", List.of(" ", ""))).expect(422);
        bad.post("/api/v1/sla/escalation-rules", body("name", "无条件", "position", 7, "tier", 1)).expect(422);
        bad.post("/api/v1/sla/escalation-rules", with(with(rule, "position", 2), "category", "no-such-category")).expect(422);
        bad.post("/api/v1/sla/escalation-rules", with(with(rule, "position", 3), "tier", 9)).expect(422);
        bad.post("/api/v1/sla/escalation-rules", with(with(rule, "position", 4), "tier", 0)).expect(422);
        bad.post("/api/v1/sla/escalation-rules", with(with(rule, "position", 6), "minContacts", 0)).expect(422);
        bad.post("/api/v1/sla/escalation-rules", with(with(rule, "position", 8), "priority", "P9")).expect(400);
        // the same position as an existing rule (the seeded serious-words rule sits at 10)
        JsonNode refused = bad.post("/api/v1/sla/escalation-rules", with(rule, "position", 10)).expect(422).json();
        assertThat(refused.get("detail").asString()).isNotBlank();

        Map<String, Object> changed = with(with(rule, "minContacts", 2), "version", 0);
        assertThat(admin.put("/api/v1/sla/escalation-rules/" + id, changed).expect(200).json().get("minContacts").asInt())
                .isEqualTo(2);
        admin.put("/api/v1/sla/escalation-rules/" + id, changed).expect(409);
        admin.put("/api/v1/sla/escalation-rules/" + id, with(changed, "version", null)).expect(422);

        // the ladder: unknown team, an agent above level 0, a rule's tier removed
        JsonNode tiers = admin.get("/api/v1/sla/escalation-tiers").expect(200).json();
        List<Map<String, Object>> ladder = new ArrayList<>();
        tiers.get("tiers").forEach(t -> ladder.add(tier(t)));
        int version = tiers.get("version").asInt();
        List<Map<String, Object>> unknownTeam = new ArrayList<>(ladder);
        unknownTeam.set(2, with(ladder.get(2), "teamId", 987_654_321));
        admin.put("/api/v1/sla/escalation-tiers", body("tiers", unknownTeam, "version", version)).expect(422);
        List<Map<String, Object>> agentAbove = new ArrayList<>(ladder);
        agentAbove.set(1, with(ladder.get(1), "holder", "AGENT"));
        admin.put("/api/v1/sla/escalation-tiers", body("tiers", agentAbove, "version", version)).expect(422);
        admin.put("/api/v1/sla/escalation-tiers", body("tiers", ladder.subList(0, 2), "version", version)).expect(422);
        admin.put("/api/v1/sla/escalation-tiers", body("tiers", List.of(ladder.get(1), ladder.get(0), ladder.get(2)),
                "version", version)).expect(422);
        assertThat(admin.get("/api/v1/sla/escalation-tiers").expect(200).json().get("version").asInt()).isEqualTo(version);

        admin.delete("/api/v1/sla/escalation-rules/" + id + "?version=1").expect(204);
        admin.get("/api/v1/sla/escalation-rules/" + id).expect(404);
    }

    @Test
    void onlySlaAdministratorsSeeOrChangeRules() {
        for (String role : List.of("LEAD", "AGENT", "PLANNER", "COMPLAINTS")) {
            Api caller = world.fixtures.api(world.fixtures.user(role));
            caller.get("/api/v1/sla/escalation-rules").expect(403);
            caller.post("/api/v1/sla/escalation-rules", body("name", "越权", "position", 9, "priority", "P2", "tier", 1)).expect(403);
            caller.get("/api/v1/sla/escalation-tiers").expect(403);
            caller.put("/api/v1/sla/escalation-tiers", body("tiers", List.of(), "version", 0)).expect(403);
        }
    }

    @Test
    void theSlaPageListsAndEditsRulesAndTiers() throws Exception {
        CurrentUser admin = world.fixtures.user("ADMIN");
        String page = mvc.perform(get("/admin/sla").with(user(admin)).locale(Locale.SIMPLIFIED_CHINESE)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("升级规则", "升级层级", "严重字眼", "重大投诉组", "/admin/sla/escalation-rules");
        String safety = category();
        int position = 700_000 + (int) (System.nanoTime() % 100_000);
        mvc.perform(post("/admin/sla/escalation-rules").param("name", "页面规则").param("position", String.valueOf(position))
                        .param("enabled", "true").param("keywords", "漏水-" + safety + "，渗水-" + safety).param("tier", "1")
                        .param("formKey", UUID.randomUUID().toString()).with(user(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("notice"));
        JsonNode made = admin().get("/api/v1/sla/escalation-rules").expect(200).json().valueStream()
                .filter(r -> r.get("name").asString().equals("页面规则") && r.get("position").asInt() == position)
                .findFirst().orElseThrow();
        assertThat(made.get("keywords").valueStream().map(JsonNode::asString).toList())
                .containsExactly("漏水-" + safety, "渗水-" + safety);
        assertThat(mvc.perform(get("/admin/sla").param("editRule", made.get("id").asString()).with(user(admin))
                .locale(Locale.ENGLISH)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .contains("Change rule", "漏水-" + safety);
        // a refusal comes back as the page's alert
        String refusal = mvc.perform(post("/admin/sla/escalation-rules").param("name", "无条件").param("position", "8")
                        .param("tier", "1").with(user(admin)).with(csrf()).locale(Locale.ENGLISH))
                .andExpect(status().is3xxRedirection()).andReturn().getFlashMap().get("alert").toString();
        assertThat(refusal).contains("at least one condition");
        mvc.perform(post("/admin/sla/escalation-tiers").param("version", "999999").param("nameZh", "坐席").param("nameEn", "Agent")
                        .param("holder", "AGENT").param("teamId", "").with(user(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("alert"));
        mvc.perform(post("/admin/sla/escalation-rules/" + made.get("id").asLong() + "/delete")
                        .param("version", made.get("version").asString()).with(user(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("notice"));
        // without CSRF, or without the permission, nothing changes
        mvc.perform(post("/admin/sla/escalation-rules").param("name", "x").with(user(admin))).andExpect(status().isForbidden());
        mvc.perform(post("/admin/sla/escalation-tiers").param("version", "0").with(user(world.fixtures.user("LEAD"))).with(csrf()))
                .andExpect(status().isForbidden());
    }

    private static Map<String, Object> tier(JsonNode t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", t.get("level").asInt());
        m.put("nameZh", t.get("nameZh").asString());
        m.put("nameEn", t.get("nameEn").asString());
        m.put("holder", t.get("holder").asString());
        m.put("teamId", t.path("teamId").isNumber() ? t.get("teamId").asLong() : null);
        return m;
    }

    private static Map<String, Object> with(Map<String, Object> m, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(m);
        copy.put(key, value);
        return copy;
    }
}
