package org.kept.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * A handover sheet copies ticket subjects and promises: the API and the page mask them as the ticket pages do, and a
 * planner overseeing sheets sees who, when and how many, never the texts.
 */
@KeptTest
class HandoverPrivacyTest {

    static final String PHONE = "13955550001";
    static final String HIDDEN = "55550001"; // the hidden digits with the last four: never in a masked text

    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;

    @Test
    void sheetsAreMaskedByTheReadersRightsAndPlannersSeeOnlyMetadata() throws Exception {
        CurrentUser outgoing = fixtures.user("OUTSOURCED", "online");
        CurrentUser teammate = fixtures.user("OUTSOURCED", "online");
        CurrentUser complaints = fixtures.user("COMPLAINTS", "online");
        CurrentUser planner = fixtures.user("PLANNER", null);
        Api out = fixtures.api(outgoing);
        long customer = fixtures.customer("交接隐私客户").id();
        JsonNode t = fixtures.ticket(out, customer, "配送延误 客户电话 " + PHONE).json();
        long ticket = t.get("id").asLong();
        out.put("/api/v1/tickets/" + ticket + "/assignment", Api.body("teamId", fixtures.team("online"),
                "assigneeId", outgoing.id(), "version", t.get("version").asInt())).expect(200);
        out.post("/api/v1/tickets/" + ticket + "/commitments", Api.body("promise", "今晚回电 " + PHONE,
                "due", OffsetDateTime.now().plusHours(2).toString())).expect(201);

        long id = out.post("/api/v1/workforce/handovers", Api.body()).expect(201).id();

        // the people of the handover, without personal-data rights: masked, like the ticket page
        for (Api reader : List.of(out, fixtures.api(teammate))) {
            Response sheet = reader.get("/api/v1/workforce/handovers/" + id).expect(200);
            assertThat(sheet.json().get("textsHidden").asBoolean()).isFalse();
            assertThat(sheet.body()).contains("配送延误", "今晚回电", "139****0001");
            assertNoHiddenDigits(sheet);
        }
        // with personal-data rights: in full
        assertThat(fixtures.api(complaints).get("/api/v1/workforce/handovers/" + id).expect(200).body()).contains(PHONE);

        // a planner oversees: who, when, state and counts; no ticket text, no ticket ids
        Response overseen = fixtures.api(planner).get("/api/v1/workforce/handovers/" + id).expect(200);
        JsonNode json = overseen.json();
        assertThat(json.get("textsHidden").asBoolean()).isTrue();
        assertThat(json.get("counts").get("TICKET").asInt()).isEqualTo(1);
        assertThat(json.get("counts").get("COMMITMENT").asInt()).isEqualTo(1);
        json.get("items").forEach(i -> {
            assertThat(i.get("label").isNull()).isTrue();
            assertThat(i.get("refId").isNull()).isTrue();
        });
        assertThat(overseen.body()).doesNotContain("配送延误", "今晚回电", "0001");

        // searching cannot confirm a hidden digit, and planners do not search other teams' texts
        assertThat(out.get("/api/v1/workforce/handovers?q=" + PHONE).expect(200).json().toString()).doesNotContain("\"id\":" + id);
        assertThat(out.get("/api/v1/workforce/handovers?q=1395555").expect(200).json().toString()).doesNotContain("\"id\":" + id);
        assertThat(out.get("/api/v1/workforce/handovers?q=139****0001").expect(200).json().toString()).contains("\"id\":" + id);
        assertThat(fixtures.api(complaints).get("/api/v1/workforce/handovers?q=" + PHONE).expect(200).json().toString())
                .contains("\"id\":" + id);
        assertThat(fixtures.api(planner).get("/api/v1/workforce/handovers?q=配送延误").expect(200).json().toString())
                .doesNotContain("\"id\":" + id);
        assertThat(fixtures.api(planner).get("/api/v1/workforce/handovers").expect(200).json().toString())
                .contains("\"id\":" + id);

        // the pages say the same
        String page = mvc.perform(get("/console/handovers/" + id).with(user(teammate)).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("配送延误", "139****0001").doesNotContain(PHONE);
        String plannerPage = mvc.perform(get("/console/handovers/" + id).with(user(planner)).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(plannerPage).doesNotContain("配送延误", "今晚回电", "139****0001").contains("督导");
    }

    static void assertNoHiddenDigits(Response response) {
        for (String text : texts(response.json(), new ArrayList<>())) {
            assertThat(text.replaceAll("\\D", "")).as(response.call() + ": " + text).doesNotContain(HIDDEN);
        }
    }

    private static List<String> texts(JsonNode node, List<String> into) {
        if (node.isString()) {
            into.add(node.asString());
        }
        node.values().forEach(child -> texts(child, into));
        return into;
    }
}
