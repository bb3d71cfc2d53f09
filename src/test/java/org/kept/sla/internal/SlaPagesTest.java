package org.kept.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.kept.customer.CustomerTier;
import org.kept.identity.CurrentUser;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/** The SLA pages: countdowns on the ticket and queue, expedite from the console, board, promises, bell, admin, portal. */
@KeptTest
@Import(SlaWorld.class)
class SlaPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    SlaWorld world;

    @Autowired
    CommitmentDesk commitments;

    private String page(CurrentUser who, String url) throws Exception {
        return mvc.perform(get(url).with(user(who)).locale(Locale.SIMPLIFIED_CHINESE)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void theTicketPageCountsDownAndExpeditesFromTheConsole() throws Exception {
        String team = world.team();
        world.policy(team, null, 60, null, 600);
        CurrentUser agent = world.user("AGENT", team);
        long id = world.ticket(world.fixtures.api(agent), world.customer(CustomerTier.STANDARD), team, "倒计时<b>")
                .get("id").asLong();
        String ticket = page(agent, "/console/tickets/" + id);
        assertThat(ticket).contains("data-countdown").contains("首次响应").contains("加急").contains("升级")
                .doesNotContain("倒计时<b>");
        assertThat(page(agent, "/console?view=all&q=倒计时")).contains("data-countdown").contains("下个时限");

        mvc.perform(post("/console/tickets/" + id + "/expedite").param("reason", "客户要赶飞机").with(user(agent)).with(csrf())
                .locale(Locale.SIMPLIFIED_CHINESE)).andExpect(status().is3xxRedirection());
        assertThat(page(agent, "/console/tickets/" + id)).contains("加急次数").contains("客户要赶飞机");
        // without CSRF the form is refused
        mvc.perform(post("/console/tickets/" + id + "/expedite").param("reason", "x").with(user(agent)))
                .andExpect(status().isForbidden());

        mvc.perform(post("/console/tickets/" + id + "/commitments").param("promise", "今晚回电")
                .param("due", java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Shanghai")).plusHours(3).withNano(0).toString())
                .with(user(agent)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(page(agent, "/console/commitments")).contains("今晚回电");
        assertThat(page(agent, "/console/notifications/count")).doesNotContain("bell-icon");
        // one bell, in the top bar: the count fragment is not drawn again at the foot of the page
        String inbox = page(agent, "/console/notifications");
        assertThat(inbox).contains("通知");
        assertThat(inbox.split("bell-icon", -1)).hasSize(2);
    }

    @Test
    void leadsSeeTheBoardAndAdministratorsThePolicies() throws Exception {
        String team = world.team();
        world.policy(team, null, 60, null, 600);
        CurrentUser lead = world.user("LEAD", team);
        long id = world.ticket(world.fixtures.api(lead), world.customer(CustomerTier.STANDARD), team, "看板上的工单").get("id").asLong();
        assertThat(page(lead, "/console/escalations")).contains("升级看板").contains("看板上的工单");
        mvc.perform(get("/console/escalations").with(user(world.user("AGENT", team)))).andExpect(status().isForbidden());

        CurrentUser admin = world.fixtures.user("ADMIN");
        assertThat(page(admin, "/admin/sla")).contains("SLA 策略").contains("兜底");
        mvc.perform(post("/admin/sla").param("name", "页面策略").param("teamId", String.valueOf(world.fixtures.team(team)))
                .param("position", "30").param("firstResponseMinutes", "45").param("resolutionMinutes", "900")
                .param("warnPercent", "80").param("expeditePercent", "50").with(user(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(page(admin, "/admin/sla")).contains("页面策略");
        assertThat(mvc.perform(post("/admin/sla").param("name", "坏策略").param("firstResponseMinutes", "0")
                .param("resolutionMinutes", "900").with(user(admin)).with(csrf())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).contains("role=\"alert\"");
        mvc.perform(get("/admin/sla").with(user(lead))).andExpect(status().isForbidden());
        assertThat(id).isPositive();
    }

    @Test
    void theCustomerSeesTheRealDateTheyCanExpect() throws Exception {
        CurrentUser customer = world.fixtures.user("CUSTOMER");
        long id = world.fixtures.api(customer).post("/api/v1/portal/tickets",
                org.kept.support.Api.body("type", "INQUIRY", "subject", "什么时候能处理", "description", "请尽快"))
                .expect(201).id();
        assertThat(page(customer, "/portal/tickets/" + id)).contains("我们将在此时间前给您答复");
        assertThat(world.fixtures.api(customer).get("/api/v1/portal/tickets/" + id).expect(200).json().get("expectedBy").isNull())
                .isFalse();
    }

    @Test
    void thePromisesPageSettlesOnlyOnesOwnOrTheTeamsPromisesAtTheVersionShown() throws Exception {
        String team = world.team();
        world.policy(team, null, 3000, null, 6000);
        CurrentUser owner = world.user("AGENT", team);
        CurrentUser outsider = world.user("AGENT", world.team());
        long id = world.ticket(world.fixtures.api(owner), world.customer(CustomerTier.STANDARD), team, "页面承诺")
                .get("id").asLong();
        long cid = world.fixtures.api(owner).post("/api/v1/tickets/" + id + "/commitments", org.kept.support.Api.body(
                "promise", "页面回电", "due", java.time.OffsetDateTime.now().plusHours(4).toString())).expect(201).id();
        assertThat(page(owner, "/console/commitments")).contains("name=\"version\"");

        mvc.perform(post("/console/commitments/" + cid + "/kept").param("outcome", "外人结了").param("version", "0")
                        .with(user(outsider)).with(csrf()).locale(Locale.ENGLISH))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("alert"));
        mvc.perform(post("/console/commitments/" + cid + "/kept").param("outcome", "没带版本")
                        .with(user(owner)).with(csrf()).locale(Locale.ENGLISH))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("alert"));
        assertThat(commitments.get(cid).state()).isEqualTo(org.kept.sla.CommitmentState.OPEN);
        mvc.perform(post("/console/commitments/" + cid + "/kept").param("outcome", "已回电").param("version", "0")
                        .with(user(owner)).with(csrf()).locale(Locale.ENGLISH))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("notice"));
        assertThat(commitments.get(cid).state()).isEqualTo(org.kept.sla.CommitmentState.KEPT);
    }
}
