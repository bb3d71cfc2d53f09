package org.kept.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Team leads (组长) read their own team's reports: the repeat-contact and expedite reports, API and page, show a lead
 * only their team; asking for another team is refused; planners still see every team.
 */
@KeptTest
class LeadReportsTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    MockMvc mvc;

    @Test
    void aLeadReadsOnlyTheirOwnTeamsReports() throws Exception {
        long afterSales = fixtures.team("after-sales");
        long hotline = fixtures.team("hotline");
        CurrentUser leadUser = fixtures.user("LEAD", "after-sales");
        Api lead = fixtures.api(leadUser);
        Api hotlineAgent = fixtures.api(fixtures.user("AGENT", "hotline"));
        long customer = fixtures.customer("报表客户").id();
        long ours = lead.post("/api/v1/tickets", body("type", "INQUIRY", "subject", "售后报表", "customerId", customer,
                "teamId", afterSales)).expect(201).id();
        long theirs = hotlineAgent.post("/api/v1/tickets", body("type", "INQUIRY", "subject", "热线报表", "customerId", customer,
                "teamId", hotline)).expect(201).id();
        lead.post("/api/v1/tickets/" + ours + "/expedite", body("reason", "客户催")).expect(201);
        hotlineAgent.post("/api/v1/tickets/" + theirs + "/expedite", body("reason", "客户催")).expect(201);
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        String period = "from=" + OffsetDateTime.now().minusDays(1) + "&to=" + OffsetDateTime.now().plusDays(1);
        period = period.replace("+", "%2B");

        Api planner = fixtures.api(fixtures.user("PLANNER", null));
        assertThat(teams(planner.get("/api/v1/reports/repeat-contacts?from=" + today).expect(200).json().path("teams")))
                .contains(afterSales, hotline);
        assertThat(teams(planner.get("/api/v1/reports/expedites?" + period).expect(200).json())).contains(afterSales, hotline);

        // the lead, without naming a team: their own only
        assertThat(teams(lead.get("/api/v1/reports/repeat-contacts?from=" + today).expect(200).json().path("teams")))
                .containsExactly(afterSales);
        assertThat(teams(lead.get("/api/v1/reports/expedites?" + period).expect(200).json())).containsExactly(afterSales);
        // naming their own team is fine, another team is refused
        lead.get("/api/v1/reports/repeat-contacts?team=" + afterSales).expect(200);
        assertThat(lead.get("/api/v1/reports/repeat-contacts?team=" + hotline).status()).isEqualTo(403);
        assertThat(lead.get("/api/v1/reports/expedites?" + period + "&team=" + hotline).status()).isEqualTo(403);
        // a planner may narrow to one team
        assertThat(teams(planner.get("/api/v1/reports/expedites?" + period + "&team=" + hotline).expect(200).json()))
                .containsExactly(hotline);

        // the page: the lead sees their team's line and not another's, and another team is refused
        String page = mvc.perform(get("/console/reports/repeat-contacts").with(user(leadUser)).header("Accept-Language", "zh-CN"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("售后组").doesNotContain("热线组");
        mvc.perform(get("/console/reports/repeat-contacts?team=" + hotline).with(user(leadUser)))
                .andExpect(status().isForbidden());
        // and the agents still have no reports
        assertThat(hotlineAgent.get("/api/v1/reports/repeat-contacts").status()).isEqualTo(403);
    }

    private static List<Long> teams(JsonNode rows) {
        List<Long> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.path("teamId").asLong()));
        return ids;
    }
}
