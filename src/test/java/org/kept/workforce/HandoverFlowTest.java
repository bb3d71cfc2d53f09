package org.kept.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** 交接班: drafting, naming new owners, both signatures, the team queue, who may see and sign what. */
@KeptTest
class HandoverFlowTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;

    @Test
    void nothingStaysWithSomeoneWhoHasGoneHome() throws Exception {
        String code = "ho-" + Long.toString(System.nanoTime(), 36);
        Api admin = fixtures.api(fixtures.user("ADMIN", null));
        long team = admin.post("/api/v1/admin/teams", Api.body("code", code, "name", "交接测试组")).expect(201).id();
        CurrentUser outgoing = fixtures.user("AGENT", code);
        CurrentUser incoming = fixtures.user("AGENT", code);
        CurrentUser teammate = fixtures.user("AGENT", code);
        CurrentUser outsider = fixtures.user("AGENT");
        Api out = fixtures.api(outgoing);
        long customer = fixtures.customer("交接客户").id();
        long[] held = new long[3];
        for (int i = 0; i < 3; i++) {
            JsonNode t = fixtures.ticket(out, customer, "交接工单 " + i).json();
            held[i] = t.get("id").asLong();
            out.put("/api/v1/tickets/" + held[i] + "/assignment", Api.body("teamId", team, "assigneeId", outgoing.id(),
                    "version", t.get("version").asInt())).expect(200);
        }
        JsonNode third = out.get("/api/v1/tickets/" + held[2]).expect(200).json();
        out.post("/api/v1/tickets/" + held[2] + "/transitions", Api.body("to", "PENDING_CUSTOMER", "version",
                third.get("version").asInt())).expect(200);
        Api planner = fixtures.api(fixtures.user("PLANNER", null));
        planner.post("/api/v1/workforce/notices", Api.body("title", "新品上线", "body", "明天 9 点 X 套餐上线，话术见知识库",
                "kind", "LAUNCH", "teamId", team, "effectiveAt", Instant.now().toString())).expect(201);
        planner.post("/api/v1/workforce/notices", Api.body("title", "", "body", "x", "kind", "LAUNCH",
                "effectiveAt", Instant.now().toString())).expect(422);
        fixtures.api(outgoing).post("/api/v1/workforce/notices", Api.body("title", "t", "body", "b", "kind", "LAUNCH",
                "effectiveAt", Instant.now().toString())).expect(403);

        JsonNode sheet = out.post("/api/v1/workforce/handovers", Api.body("incomingId", incoming.id())).expect(201).json();
        long id = sheet.get("id").asLong();
        Map<String, Integer> kinds = new HashMap<>();
        Map<Long, Long> itemOfTicket = new HashMap<>();
        sheet.get("items").forEach(i -> {
            kinds.merge(i.get("kind").asString(), 1, Integer::sum);
            if (!i.get("kind").asString().equals("NOTICE")) {
                itemOfTicket.put(i.get("refId").asLong(), i.get("id").asLong());
            }
        });
        assertThat(kinds).containsEntry("TICKET", 2).containsEntry("FOLLOW_UP", 1).containsEntry("NOTICE", 1);
        assertThat(kinds).doesNotContainKey("COMMITMENT"); // no commitments module on this branch: nothing, no failure

        // who may see it
        fixtures.api(outsider).get("/api/v1/workforce/handovers/" + id).expect(404);
        fixtures.api(teammate).get("/api/v1/workforce/handovers/" + id).expect(200);
        planner.get("/api/v1/workforce/handovers/" + id).expect(200);
        fixtures.api(fixtures.user("CUSTOMER")).get("/api/v1/workforce/handovers/" + id).expect(403);

        // every ticket row starts with the colleague named on the sheet, not the team queue
        sheet.get("items").forEach(i -> {
            if (!i.get("kind").asString().equals("NOTICE")) {
                assertThat(i.get("newOwnerId").asLong()).as("default owner of " + i).isEqualTo(incoming.id());
            }
        });
        // the outgoing agent gives the other two to the team queue at once, and keeps the incoming agent for the first
        out.put("/api/v1/workforce/handovers/" + id + "/items", Api.body("itemIds",
                java.util.List.of(itemOfTicket.get(held[1]), itemOfTicket.get(held[2])), "newOwnerId", null)).expect(200);
        out.put("/api/v1/workforce/handovers/" + id + "/items", Api.body("itemIds", java.util.List.of(), "newOwnerId", null))
                .expect(422);
        Api in = fixtures.api(incoming);
        in.put("/api/v1/workforce/handovers/" + id + "/items/" + itemOfTicket.get(held[0]), Api.body("newOwnerId", incoming.id()))
                .expect(403);
        out.put("/api/v1/workforce/handovers/" + id + "/items/" + itemOfTicket.get(held[0]), Api.body("newOwnerId", outsider.id()))
                .expect(422);
        out.put("/api/v1/workforce/handovers/" + id + "/items/" + itemOfTicket.get(held[0]), Api.body("newOwnerId", incoming.id()))
                .expect(200);
        in.post("/api/v1/workforce/handovers/" + id + "/sign", Api.body("version", 0, "notes", "抢签")).expect(403);
        int version = out.get("/api/v1/workforce/handovers/" + id).expect(200).json().get("version").asInt();
        JsonNode signed = out.post("/api/v1/workforce/handovers/" + id + "/sign",
                Api.body("version", version, "notes", "客户王先生下午会回电，交接暗号：蓝鲸")).expect(200).json();
        assertThat(signed.get("state").asString()).isEqualTo("OUTGOING_SIGNED");
        Map<Long, String> outcome = new HashMap<>();
        signed.get("items").forEach(i -> {
            if (!i.get("kind").asString().equals("NOTICE")) {
                outcome.put(i.get("refId").asLong(), i.get("outcome").asString());
            }
        });
        assertThat(outcome).containsEntry(held[0], "HANDED_OVER").containsEntry(held[1], "TO_TEAM_QUEUE")
                .containsEntry(held[2], "TO_TEAM_QUEUE");
        JsonNode first = out.get("/api/v1/tickets/" + held[0]).expect(200).json();
        assertThat(first.get("assignee").get("id").asLong()).isEqualTo(incoming.id());
        for (int i = 1; i < 3; i++) {
            JsonNode t = out.get("/api/v1/tickets/" + held[i]).expect(200).json();
            assertThat(t.get("assignee") == null || t.get("assignee").isNull()).as("ticket " + i + " unassigned").isTrue();
            assertThat(t.get("team").get("id").asLong()).isEqualTo(team);
        }

        // the incoming side signs: not the outgoing agent, not an unnamed teammate, not with a stale version
        int after = signed.get("version").asInt();
        out.post("/api/v1/workforce/handovers/" + id + "/sign", Api.body("version", after)).expect(403);
        fixtures.api(teammate).post("/api/v1/workforce/handovers/" + id + "/sign", Api.body("version", after)).expect(403);
        in.post("/api/v1/workforce/handovers/" + id + "/sign", Api.body("version", after - 1)).expect(409);
        JsonNode done = in.post("/api/v1/workforce/handovers/" + id + "/sign", Api.body("version", after, "notes", "已阅"))
                .expect(200).json();
        assertThat(done.get("state").asString()).isEqualTo("COMPLETED");
        in.post("/api/v1/workforce/handovers/" + id + "/sign", Api.body("version", done.get("version").asInt())).expect(409);

        // kept and searchable
        assertThat(in.get("/api/v1/workforce/handovers?q=蓝鲸").expect(200).json().toString()).contains("\"id\":" + id);
        assertThat(fixtures.api(outsider).get("/api/v1/workforce/handovers?q=蓝鲸").expect(200).json().toString())
                .doesNotContain("\"id\":" + id);
        // a planner oversees sheets by their metadata (HandoverPrivacyTest): their words are not searched for them
        assertThat(planner.get("/api/v1/workforce/handovers?q=蓝鲸").expect(200).json().toString()).doesNotContain("\"id\":" + id);
        assertThat(planner.get("/api/v1/workforce/handovers").expect(200).json().toString()).contains("\"id\":" + id);

        String page = mvc.perform(get("/console/handovers/" + id).with(user(incoming)).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("交接班单", "转入班组队列", "蓝鲸", "已完成");
        mvc.perform(get("/console/handovers").param("q", "蓝鲸").with(user(incoming))).andExpect(status().isOk());
        mvc.perform(get("/console/handovers/" + id).with(user(outsider))).andExpect(status().isNotFound());
    }

    @Test
    void thePageSignsOnlyAfterThePreviewIsConfirmed() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        Api api = fixtures.api(agent);
        long ticket = api.post("/api/v1/tickets", Api.body("type", "COMPLAINT", "subject", "预览确认", "customerId",
                fixtures.customer("预览客户").id(), "assigneeId", agent.id())).expect(201).id();
        long id = api.post("/api/v1/workforce/handovers", Api.body()).expect(201).id();
        String preview = mvc.perform(get("/console/handovers/" + id + "/preview").with(user(agent))
                .locale(Locale.SIMPLIFIED_CHINESE)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(preview).contains("签字前确认", "我已核对每件工单的去向");
        mvc.perform(post("/console/handovers/" + id + "/sign").param("version", "0").with(user(agent)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(
                        "/console/handovers/" + id + "/preview"));
        assertThat(api.get("/api/v1/workforce/handovers/" + id).expect(200).json().get("state").asString()).isEqualTo("DRAFT");
        assertThat(api.get("/api/v1/tickets/" + ticket).expect(200).json().get("assignee").get("id").asLong())
                .isEqualTo(agent.id());
        mvc.perform(post("/console/handovers/" + id + "/sign").param("version", "0").param("confirmed", "true")
                .with(user(agent)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(api.get("/api/v1/workforce/handovers/" + id).expect(200).json().get("state").asString())
                .isEqualTo("OUTGOING_SIGNED");
        // who may look: not a customer, not someone outside the team
        mvc.perform(get("/console/handovers/" + id + "/preview").with(user(fixtures.user("CUSTOMER"))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/console/handovers/" + id + "/preview").with(user(fixtures.user("AGENT", null))))
                .andExpect(status().isNotFound());
        mvc.perform(post("/console/handovers/" + id + "/items").param("itemId", "1").with(user(fixtures.user("CUSTOMER")))
                .with(csrf())).andExpect(status().isForbidden());
    }

    @Test
    void draftingFromThePage() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        String location = mvc.perform(post("/console/handovers").with(user(agent)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).matches("/console/handovers/\\d+");
        String page = mvc.perform(get(location).with(user(agent)).locale(Locale.ENGLISH)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Handover sheet", "Preview before signing");
        assertThat(mvc.perform(get(location + "/preview").with(user(agent)).locale(Locale.ENGLISH)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).contains("Sign and hand over", "Tickets moving");
        // planners post business notices from the page; agents may not
        CurrentUser planner = fixtures.user("PLANNER", null);
        mvc.perform(post("/console/handovers/notices").with(user(planner)).with(csrf()).param("title", "旧套餐下线")
                .param("body", "<script>x</script>").param("kind", "RETIRE").param("effectiveAt", "2030-01-01T09:00"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/console/handovers/notices").with(user(agent)).with(csrf()).param("title", "t").param("body", "b")
                .param("kind", "RETIRE").param("effectiveAt", "2030-01-01T09:00")).andExpect(status().isForbidden());
        assertThat(mvc.perform(get("/console/handovers").with(user(planner)).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).contains("交接班业务通知");
    }
}
