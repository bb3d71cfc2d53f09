package org.kept.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** The planner's page and the forecast API: forecast, required agents, overrides, accuracy, who may do what. */
@KeptTest
class PlannerTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;

    /** A day far enough ahead that no other test touches it. */
    static LocalDate someFutureDay() {
        return LocalDate.of(2040, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));
    }

    @Test
    void aManualOverrideDrivesTheRequiredAgents() {
        Api planner = fixtures.api(fixtures.user("PLANNER", null));
        LocalDate day = someFutureDay();
        List<Integer> volumes = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            volumes.add(i == 24 ? 100 : 0);
        }
        planner.put("/api/v1/workforce/forecast/overrides", Api.body("day", day.toString(), "channel", "PHONE", "kind", "MANUAL",
                "volumes", volumes, "note", "新品上线")).expect(204);
        JsonNode f = planner.get("/api/v1/workforce/forecast?day=" + day).expect(200).json();
        JsonNode noon = f.get("intervals").get(24);
        assertThat(noon.get("start").asString()).isEqualTo("12:00");
        assertThat(noon.get("contacts").get("PHONE").asDouble()).isEqualTo(100.0);
        assertThat(noon.get("requiredAgents").get("HOTLINE").asInt()).isEqualTo(14);
        assertThat(f.get("overrides").get(0).get("kind").asString()).isEqualTo("MANUAL");

        // a campaign on top scales every channel
        planner.put("/api/v1/workforce/forecast/overrides", Api.body("day", day.toString(), "channel", "ALL", "kind", "CAMPAIGN",
                "factor", 1.5)).expect(204);
        JsonNode scaled = planner.get("/api/v1/workforce/forecast?day=" + day).expect(200).json();
        assertThat(scaled.get("intervals").get(24).get("contacts").get("PHONE").asDouble()).isEqualTo(150.0);

        planner.delete("/api/v1/workforce/forecast/overrides?day=" + day + "&channel=ALL").expect(204);
        planner.put("/api/v1/workforce/forecast/overrides", Api.body("day", day.toString(), "channel", "PHONE", "kind", "MANUAL",
                "volumes", List.of(1, 2, 3))).expect(422);
        planner.put("/api/v1/workforce/forecast/overrides", Api.body("day", day.toString(), "channel", "FAX", "kind", "CAMPAIGN",
                "factor", 2)).expect(422);
    }

    @Test
    void reportReadersSeeForecastsButCannotOverride() {
        CurrentUser admin = fixtures.user("ADMIN", null);
        // a role with REPORT_READ only
        Api reader = fixtures.api(fixtures.user("PLANNER", null));
        LocalDate day = someFutureDay();
        reader.get("/api/v1/workforce/forecast?day=" + day).expect(200);
        fixtures.api(fixtures.user("AGENT")).get("/api/v1/workforce/forecast?day=" + day).expect(403);
        fixtures.api(fixtures.user("AGENT")).put("/api/v1/workforce/forecast/overrides",
                Api.body("day", day.toString(), "channel", "ALL", "kind", "CAMPAIGN", "factor", 2)).expect(403);
        assertThat(admin.can(org.kept.identity.Permission.WORKFORCE_PLAN)).isTrue();
    }

    @Test
    void accuracyOfPastDays() {
        Api planner = fixtures.api(fixtures.user("PLANNER", null));
        LocalDate today = LocalDate.now();
        JsonNode days = planner.get("/api/v1/workforce/forecast/accuracy?from=" + today.minusDays(7) + "&to=" + today)
                .expect(200).json();
        assertThat(days.size()).isEqualTo(7);
        assertThat(days.get(0).get("errorPerInterval").size()).isEqualTo(48);
        assertThat(days.get(0).has("wape")).isTrue();
        planner.get("/api/v1/workforce/forecast/accuracy?from=" + today.minusDays(100) + "&to=" + today).expect(422);
    }

    @Test
    void thePlannerPageSpeaksChineseToAChinesePlanner() throws Exception {
        CurrentUser planner = fixtures.user("PLANNER", null);
        LocalDate day = someFutureDay();
        mvc.perform(post("/console/workforce/overrides").with(user(planner)).with(csrf()).param("day", day.toString())
                .param("channel", "PHONE").param("kind", "CAMPAIGN").param("factor", "1.5"))
                .andExpect(status().is3xxRedirection());
        String page = mvc.perform(get("/console/workforce").param("day", day.toString()).with(user(planner))
                        .locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        // channels in the override list, the form and the interval table, and skills in the chart's legend
        assertThat(page).contains("电话 · ", ">电话</option>", ">电话</th>", "&quot;HOTLINE&quot;:&quot;热线&quot;")
                .doesNotContain(">PHONE<", "PHONE · ", "??");
        // browsers ask for it on every page: a 404 there is an error in every page's console
        mvc.perform(get("/favicon.ico")).andExpect(status().isOk());
    }

    @Test
    void thePlannerPageShowsTheCalculatorChartAndAccuracy() throws Exception {
        CurrentUser planner = fixtures.user("PLANNER", null);
        String page = mvc.perform(get("/console/workforce").with(user(planner)).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("人力计算器", "id=\"required-chart\"", "data-chart=", "echarts.min.js",
                "近 14 天");
        String result = mvc.perform(get("/console/workforce/calculate").with(user(planner)).header("HX-Request", "true")
                        .param("calls", "100").param("intervalSeconds", "1800").param("ahtSeconds", "180")
                        .param("targetSeconds", "20").param("serviceLevel", "0.8").param("shrinkage", "0.3")
                        .param("patienceSeconds", "120").locale(Locale.ENGLISH))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(result).contains(">14<", ">20<", "88.8%", "With abandonment");
        String refused = mvc.perform(get("/console/workforce/calculate").with(user(planner))
                        .param("calls", "100").param("intervalSeconds", "0").param("ahtSeconds", "180")
                        .param("targetSeconds", "20").param("serviceLevel", "0.8").locale(Locale.ENGLISH))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("intervalSeconds", "alert error");
        mvc.perform(get("/webjars/echarts/echarts.min.js")).andExpect(status().isOk());

        LocalDate day = someFutureDay();
        mvc.perform(post("/console/workforce/overrides").with(user(planner)).with(csrf()).param("day", day.toString())
                .param("channel", "ALL").param("kind", "OUTAGE").param("factor", "2").param("note", "<b>机房故障</b>"))
                .andExpect(status().is3xxRedirection());
        String after = mvc.perform(get("/console/workforce").param("day", day.toString()).with(user(planner)))
                .andReturn().getResponse().getContentAsString();
        assertThat(after).contains("&lt;b&gt;机房故障&lt;/b&gt;").doesNotContain("<b>机房故障");

        CurrentUser agent = fixtures.user("AGENT");
        mvc.perform(get("/console/workforce").with(user(agent))).andExpect(status().isForbidden());
        mvc.perform(post("/console/workforce/overrides").with(user(fixtures.user("ADMIN", null))).param("day", day.toString())
                .param("channel", "ALL").param("kind", "OUTAGE").param("factor", "2")).andExpect(status().isForbidden());
    }
}
