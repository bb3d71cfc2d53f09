package org.kept.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.sla.OnShift;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** A week's roster through the API: forecast override → requirement → background solve → publish → my shifts → on shift. */
@KeptTest
class RosterFlowTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OnShift onShift;
    @Autowired
    MockMvc mvc;

    @Test
    void planSolvePublishAndSeeMyShifts() throws Exception {
        CurrentUser plannerUser = fixtures.user("PLANNER", null);
        Api planner = fixtures.api(plannerUser);
        String team = "wf-" + Long.toString(System.nanoTime(), 36);
        jdbc.sql("insert into team (code, name) values (?, ?)").params(team, "排班测试组").update();
        List<CurrentUser> agents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            agents.add(fixtures.user("AGENT", team));
        }
        LocalDate monday = LocalDate.of(2050, 1, 3).plusWeeks(ThreadLocalRandom.current().nextInt(400));
        assertThat(monday.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        // office-hours hotline: 10 calls per half hour from 09:00 to 18:00
        List<Integer> volumes = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            volumes.add(i >= 18 && i < 36 ? 10 : 0);
        }
        for (int d = 0; d < 7; d++) {
            planner.put("/api/v1/workforce/forecast/overrides", Api.body("day", monday.plusDays(d).toString(), "channel", "PHONE",
                    "kind", "MANUAL", "volumes", volumes)).expect(204);
        }
        // the first agent cannot work on Wednesday
        Api first = fixtures.api(agents.get(0));
        first.put("/api/v1/workforce/my-availability", Api.body("day", monday.plusDays(2).toString(), "kind", "UNAVAILABLE"))
                .expect(204);
        first.put("/api/v1/workforce/my-availability", Api.body("day", monday.toString(), "kind", "SOMETIMES")).expect(422);

        planner.post("/api/v1/workforce/rosters", Api.body("name", "违规排班", "startsOn", monday.toString(), "days", 7,
                "memberIds", agents.stream().map(CurrentUser::id).toList(), "minRestHours", 5)).expect(422);
        JsonNode roster = planner.post("/api/v1/workforce/rosters", Api.body("name", "测试周排班", "startsOn", monday.toString(),
                "days", 7, "memberIds", agents.stream().map(CurrentUser::id).toList(), "minRestHours", 12)).expect(201).json();
        assertThat(roster.get("rules").asString()).contains("rest=720");
        long id = roster.get("id").asLong();
        assertThat(roster.get("state").asString()).isEqualTo("DRAFT");
        fixtures.api(agents.get(1)).post("/api/v1/workforce/rosters/" + id + "/solve?seconds=2", null).expect(403);
        planner.post("/api/v1/workforce/rosters/" + id + "/publish", null).expect(409);
        assertThat(planner.post("/api/v1/workforce/rosters/" + id + "/solve?seconds=3", null).expect(202).json()
                .get("state").asString()).isEqualTo("SOLVING");
        planner.post("/api/v1/workforce/rosters/" + id + "/solve?seconds=3", null).expect(409);
        String page = mvc.perform(get("/console/workforce/rosters/" + id).with(user(plannerUser)).locale(Locale.ENGLISH))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).containsAnyOf("data-poll", "coverage-chart");

        org.kept.support.Rosters.awaitState(planner, id, "SOLVED");
        JsonNode solved = planner.get("/api/v1/workforce/rosters/" + id).expect(200).json();
        assertThat(solved.get("state").asString()).isEqualTo("SOLVED");
        assertThat(solved.get("score").asString()).startsWith("0hard");
        assertThat(solved.get("shifts").size()).isGreaterThan(10);
        long offWednesday = agents.get(0).id();
        for (JsonNode s : solved.get("shifts")) {
            if (s.get("userId").asLong() == offWednesday) {
                assertThat(Instant.parse(s.get("startsAt").asString()).atZone(java.time.ZoneId.of("Asia/Shanghai"))
                        .toLocalDate()).isNotEqualTo(monday.plusDays(2));
            }
        }
        // 12 hours' rest between any two shifts of one person, as the planner asked
        java.util.Map<Long, List<Instant[]>> byPerson = new java.util.HashMap<>();
        solved.get("shifts").forEach(s -> byPerson.computeIfAbsent(s.get("userId").asLong(), u -> new ArrayList<>())
                .add(new Instant[] {Instant.parse(s.get("startsAt").asString()), Instant.parse(s.get("endsAt").asString())}));
        byPerson.values().forEach(list -> {
            list.sort(java.util.Comparator.comparing(a -> a[0]));
            for (int i = 1; i < list.size(); i++) {
                assertThat(java.time.Duration.between(list.get(i - 1)[1], list.get(i)[0]).toHours()).isGreaterThanOrEqualTo(12);
            }
        });
        JsonNode coverage = planner.get("/api/v1/workforce/rosters/" + id + "/coverage").expect(200).json();
        assertThat(coverage.get("intervals").size()).isEqualTo(7 * 48);
        assertThat(coverage.get("shareMet").asDouble()).isGreaterThan(0.5);
        // call-backs only where coverage falls short: every suggested gap starts in an under-covered interval
        Set<String> under = new HashSet<>();
        coverage.get("intervals").forEach(i -> {
            if (i.get("under").asBoolean()) {
                under.add(Instant.parse(i.get("start").asString()).toString());
            }
        });
        coverage.get("callBacks").forEach(c -> assertThat(under).contains(Instant.parse(c.get("from").asString()).toString()));
        assertThat(coverage.get("callBacks").isEmpty()).isEqualTo(under.isEmpty());

        // not published yet: nobody sees shifts, and everybody counts as on shift
        JsonNode someShift = solved.get("shifts").get(0);
        long worker = someShift.get("userId").asLong();
        CurrentUser workerUser = agents.stream().filter(a -> a.id() == worker).findFirst().orElseThrow();
        Api workerApi = fixtures.api(workerUser);
        String range = "?from=" + monday + "&to=" + monday.plusDays(7);
        assertThat(workerApi.get("/api/v1/workforce/my-shifts" + range).expect(200).json().size()).isZero();
        Instant during = Instant.parse(someShift.get("startsAt").asString()).plusSeconds(60);
        Instant night = monday.plusDays(3).atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).plusHours(3).toInstant();
        assertThat(onShift.isOnShift(worker, night)).isTrue();

        planner.post("/api/v1/workforce/rosters/" + id + "/publish", null).expect(200);
        JsonNode mine = workerApi.get("/api/v1/workforce/my-shifts" + range).expect(200).json();
        assertThat(mine.size()).isGreaterThan(0);
        Set<Long> owners = new HashSet<>();
        mine.forEach(s -> owners.add(s.get("userId").asLong()));
        assertThat(owners).containsExactly(worker);
        assertThat(onShift.isOnShift(worker, during)).isTrue();
        assertThat(onShift.isOnShift(worker, night)).as("3 am with no night shift in an office-hours roster").isFalse();
        long outsider = fixtures.user("AGENT").id();
        assertThat(onShift.isOnShift(outsider, night)).as("nobody rostered them: on shift as before").isTrue();
        fixtures.api(fixtures.user("CUSTOMER")).get("/api/v1/workforce/my-shifts").expect(403);

        String my = mvc.perform(get("/console/my-shifts").param("from", monday.toString()).with(user(workerUser)).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(my).contains("我的班次", "热线");
        mvc.perform(get("/console/workforce/rosters/" + id).with(user(workerUser))).andExpect(status().isForbidden());
        String published = mvc.perform(get("/console/workforce/rosters/" + id).with(user(plannerUser)).locale(Locale.ENGLISH))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(published).contains("coverage-chart", "Published");
        mvc.perform(get("/console/workforce/rosters").with(user(plannerUser))).andExpect(status().isOk());
    }

    @Test
    void aRosterLeftSolvingByAStoppedInstanceCanBeSolvedAgain() {
        Api planner = fixtures.api(fixtures.user("PLANNER", null));
        long agent = fixtures.user("AGENT").id();
        long id = planner.post("/api/v1/workforce/rosters", Api.body("name", "中断的排班", "startsOn", "2049-06-07", "days", 1,
                "memberIds", List.of(agent))).expect(201).id();
        jdbc.sql("update wf_roster set state = 'SOLVING', solving_until = ? where id = ?")
                .params(java.time.OffsetDateTime.now().plusMinutes(5), id).update();
        planner.post("/api/v1/workforce/rosters/" + id + "/solve?seconds=1", null).expect(409);
        jdbc.sql("update wf_roster set solving_until = ? where id = ?")
                .params(java.time.OffsetDateTime.now().minusMinutes(1), id).update();
        planner.post("/api/v1/workforce/rosters/" + id + "/solve?seconds=1", null).expect(202);
    }
}
