package org.kept.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.identity.Permission;
import org.kept.routing.internal.PresenceAdmin;
import org.kept.routing.internal.PresenceDesk;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The administrators' pages for not-ready reason codes and the tiers' queue jumps: every role asked (only
 * ROUTING_ADMIN opens or posts them, and never without the CSRF token), validation named field by field in both
 * languages, a deactivated code no longer offered but kept in the history, a code in the history never deleted, the
 * baseline tier never jumping, and every change in the audit log.
 */
@KeptTest
class RoutingAdminPagesTest {

    static final List<String> ROLES = List.of("CUSTOMER", "OUTSOURCED", "AGENT", "LEAD", "COMPLAINTS", "COMPLIANCE",
            "COMPLIANCE_LEAD", "PLANNER", "ADMIN");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PresenceDesk presence;

    @Autowired
    PresenceAdmin admin;

    @Test
    void onlyRoutingAdministratorsOpenOrChangeThePagesAndNeverWithoutTheCsrfToken() throws Exception {
        for (String role : ROLES) {
            CurrentUser who = fixtures.user(role);
            boolean allowed = who.can(Permission.ROUTING_ADMIN);
            int page = allowed ? 200 : 403;
            int write = allowed ? 302 : 403;
            String code = "mx" + UUID.randomUUID().toString().substring(0, 6);
            List<MockHttpServletRequestBuilder> reads = List.of(get("/admin/routing/reasons"),
                    get("/admin/routing/reasons").param("edit", "break"), get("/admin/routing/tiers"));
            for (var read : reads) {
                assertThat(mvc.perform(read.with(user(who))).andReturn().getResponse().getStatus()).as(role).isEqualTo(page);
            }
            // writes that change nothing even when allowed (invalid or already so), each without and with the token
            List<MockHttpServletRequestBuilder> writes = List.of(
                    post("/admin/routing/reasons").param("creating", "true").param("code", code).param("nameZh", "")
                            .param("nameEn", "").param("position", "999"),
                    post("/admin/routing/reasons/break/active").param("active", "true"),
                    post("/admin/routing/reasons/mx-none/delete"),
                    post("/admin/routing/tiers/STANDARD").param("jumpSeconds", "0"));
            for (var w : writes) {
                assertThat(mvc.perform(w.with(user(who))).andReturn().getResponse().getStatus()).as(role + " without CSRF")
                        .isEqualTo(403);
                assertThat(mvc.perform(w.with(user(who)).with(csrf())).andReturn().getResponse().getStatus()).as(role)
                        .isEqualTo(write);
            }
        }
        assertThat(admin.reason("break").active()).isTrue();
        assertThat(admin.tierJumps().get(PresenceAdmin.BASELINE)).isZero();
    }

    @Test
    void anAdministratorAddsRenamesDeactivatesAndDeletesReasonCodesWithTheHistoryKept() throws Exception {
        CurrentUser root = fixtures.user("ADMIN", null);
        CurrentUser agent = fixtures.user("AGENT");
        String code = "coach-" + UUID.randomUUID().toString().substring(0, 6);
        // every wrong field is named at once, in the reader's language
        mvc.perform(post("/admin/routing/reasons").with(user(root)).with(csrf()).header("Accept-Language", "zh-CN")
                        .param("creating", "true").param("code", "Bad Code").param("nameZh", "").param("nameEn", "x")
                        .param("position", "abc"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("alert", containsString("小写字母")))
                .andExpect(flash().attribute("alert", containsString("中文名称")))
                .andExpect(flash().attribute("alert", containsString("0 到 999")));
        mvc.perform(post("/admin/routing/reasons").with(user(root)).with(csrf()).header("Accept-Language", "en")
                        .param("creating", "true").param("code", "break").param("nameZh", "小休").param("nameEn", "")
                        .param("position", "1"))
                .andExpect(flash().attribute("alert", containsString("The code break exists already")))
                .andExpect(flash().attribute("alert", containsString("Give the English name")));

        mvc.perform(post("/admin/routing/reasons").with(user(root)).with(csrf()).param("creating", "true").param("code", code)
                        .param("nameZh", "辅导").param("nameEn", "Coaching").param("position", "950").param("active", "true"))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice", containsString(code)));
        mvc.perform(post("/admin/routing/reasons").with(user(root)).with(csrf()).param("code", code)
                        .param("nameZh", "一对一辅导").param("nameEn", "One-to-one coaching").param("position", "960")
                        .param("active", "true"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/admin/routing/reasons").with(user(root)).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("One-to-one coaching")))
                .andExpect(content().string(containsString("一对一辅导")));

        // an agent uses it; from then on it is in the history and can only be deactivated
        presence.choose(agent.id(), PresenceState.NOT_READY, code, agent.id());
        presence.choose(agent.id(), PresenceState.AVAILABLE, null, agent.id());
        mvc.perform(post("/admin/routing/reasons/" + code + "/delete").with(user(root)).with(csrf())
                        .header("Accept-Language", "en"))
                .andExpect(flash().attribute("alert", containsString("never deleted: deactivate it instead")));
        mvc.perform(post("/admin/routing/reasons/" + code + "/active").with(user(root)).with(csrf()).param("active", "false"))
                .andExpect(status().is3xxRedirection());
        assertThat(admin.reason(code).active()).isFalse();
        mvc.perform(get("/console/routing/presence").with(user(agent)).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString("NOT_READY:" + code))))
                .andExpect(content().string(containsString("NOT_READY:meal")));
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(org.kept.shared.KeptException.class,
                () -> presence.choose(agent.id(), PresenceState.NOT_READY, code, agent.id()))).isNotNull();
        assertThat(jdbc.sql("select count(*) from routing_presence_log where reason_code = ?").param(code)
                .query(Long.class).single()).isEqualTo(1);

        // the recovery break after a flagged contact stays
        mvc.perform(post("/admin/routing/reasons/recovery/active").with(user(root)).with(csrf()).param("active", "false")
                        .header("Accept-Language", "en"))
                .andExpect(flash().attribute("alert", containsString("cannot be deactivated")));
        assertThat(admin.reason("recovery").active()).isTrue();

        // a code nobody used is deleted
        String unused = "tmp-" + UUID.randomUUID().toString().substring(0, 6);
        mvc.perform(post("/admin/routing/reasons").with(user(root)).with(csrf()).param("creating", "true").param("code", unused)
                .param("nameZh", "临时").param("nameEn", "Temporary").param("position", "990"));
        mvc.perform(post("/admin/routing/reasons/" + unused + "/delete").with(user(root)).with(csrf()))
                .andExpect(flash().attribute("notice", containsString(unused)));
        assertThat(admin.reasons()).noneMatch(r -> r.code().equals(unused));

        assertThat(audit("routing-reason:" + code)).containsExactly("routing.reason.add", "routing.reason.change",
                "routing.reason.change");
        assertThat(audit("routing-reason:" + unused)).containsExactly("routing.reason.add", "routing.reason.delete");
        assertThat(jdbc.sql("select actor from audit_entry where subject = ?").param("routing-reason:" + unused)
                .query(String.class).list()).containsOnly(root.username());
    }

    @Test
    void theTiersJumpsAreBoundedTheBaselineNeverJumpsAndThePageSaysSo() throws Exception {
        CurrentUser root = fixtures.user("ADMIN", null);
        int before = admin.tierJumps().get(org.kept.customer.CustomerTier.PLUS);
        try {
            mvc.perform(get("/admin/routing/tiers").with(user(root)).header("Accept-Language", "zh-CN"))
                    .andExpect(status().isOk()).andExpect(content().string(containsString("任何人都不会被排到基础服务之后")))
                    .andExpect(content().string(containsString("0：基础等级，不插队")));
            mvc.perform(post("/admin/routing/tiers/PLUS").with(user(root)).with(csrf()).param("jumpSeconds", "601")
                            .header("Accept-Language", "en"))
                    .andExpect(flash().attribute("alert", containsString("from 0 to 600")));
            mvc.perform(post("/admin/routing/tiers/PLUS").with(user(root)).with(csrf()).param("jumpSeconds", "soon")
                            .header("Accept-Language", "en"))
                    .andExpect(flash().attribute("alert", containsString("from 0 to 600")));
            mvc.perform(post("/admin/routing/tiers/STANDARD").with(user(root)).with(csrf()).param("jumpSeconds", "30")
                            .header("Accept-Language", "en"))
                    .andExpect(flash().attribute("alert", containsString("baseline tier never jumps")));
            mvc.perform(post("/admin/routing/tiers/GOLD").with(user(root)).with(csrf()).param("jumpSeconds", "30"))
                    .andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("alert"));
            mvc.perform(post("/admin/routing/tiers/PLUS").with(user(root)).with(csrf()).param("jumpSeconds", "45"))
                    .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice", containsString("45")));
            assertThat(admin.tierJumps().get(org.kept.customer.CustomerTier.PLUS)).isEqualTo(45);
            assertThat(admin.tierJumps().get(org.kept.customer.CustomerTier.STANDARD)).isZero();
            assertThat(jdbc.sql("select details from audit_entry where subject = 'routing-tier:PLUS' and actor = ?")
                    .param(root.username()).query(String.class).list()).containsExactly(before + " s → 45 s");

            // the API says the same
            Response jumps = fixtures.api(root).get("/api/v1/routing/tier-jumps").expect(200);
            assertThat(jumps.body()).contains("\"tier\":\"PLUS\",\"jumpSeconds\":45", "\"tier\":\"STANDARD\",\"jumpSeconds\":0,\"baseline\":true");
            fixtures.api(root).put("/api/v1/routing/tier-jumps/VIP", org.kept.support.Api.body("jumpSeconds", 900)).expect(422);
        } finally {
            admin.saveTierJump("PLUS", before, root);
        }
    }

    @Test
    void queueChannelAndSkillChangesThroughTheApiAreAuditedWithTheirAuthor() {
        org.kept.identity.CurrentUser root = fixtures.user("ADMIN", null);
        org.kept.support.Api api = fixtures.api(root);
        String code = "aud-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        long id = api.post("/api/v1/routing/queues", org.kept.support.Api.body("code", code, "name", "审计队列", "channel", "EMAIL",
                "strategy", "LONGEST_IDLE", "closedAction", "ANSWER")).expect(201).json().path("id").asLong();
        org.kept.identity.CurrentUser agent = fixtures.user("AGENT");
        api.put("/api/v1/routing/agents/" + agent.id() + "/skills", org.kept.support.Api.body("skills", java.util.Map.of("email", 3)))
                .expect(200);
        String channel = api.get("/api/v1/routing/channels").expect(200).json().get(0).path("channel").asString();
        var rule = api.get("/api/v1/routing/channels").expect(200).json().get(0);
        java.util.List<String> blocks = new java.util.ArrayList<>();
        rule.path("blocks").forEach(b -> blocks.add(b.asString()));
        // the same values again: a save is audited even when it changes nothing, and other tests keep their rules
        api.put("/api/v1/routing/channels/" + channel, org.kept.support.Api.body("capacity", rule.path("capacity").asInt(),
                "acwSeconds", rule.path("acwSeconds").asInt(), "blocks", blocks)).expect(200);
        fixtures.api(fixtures.user("AGENT")).put("/api/v1/routing/agents/" + agent.id() + "/skills",
                org.kept.support.Api.body("skills", java.util.Map.of("email", 5))).expect(403);

        assertThat(audit("routing-queue:" + code)).containsExactly("routing.queue.add");
        assertThat(audit("user:" + agent.username())).containsExactly("routing.skills");
        assertThat(audit("routing-channel:" + channel)).contains("routing.channel");
        assertThat(jdbc.sql("select actor from audit_entry where subject = ?").param("routing-queue:" + code)
                .query(String.class).single()).isEqualTo(root.username());
        assertThat(id).isPositive();
    }

    private List<String> audit(String subject) {
        return jdbc.sql("select action from audit_entry where subject = ? order by id").param(subject).query(String.class).list();
    }
}
