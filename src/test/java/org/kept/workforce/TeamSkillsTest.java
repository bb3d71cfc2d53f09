package org.kept.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.identity.IdentityChanged;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.workforce.internal.RosterDesk;
import org.kept.workforce.internal.RosterStore;
import org.kept.workforce.internal.roster.Coverage;
import org.kept.workforce.internal.roster.Limits;
import org.kept.workforce.internal.roster.Requirement;
import org.kept.workforce.internal.roster.RosterPlan;
import org.kept.workforce.internal.roster.RosterRules;
import org.kept.workforce.internal.roster.RosterSolver;
import org.kept.workforce.internal.roster.SlotPlanner;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Team skills are rows a planner keeps: a team with any code staffs chat once it is given CHAT. */
@KeptTest
class TeamSkillsTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RosterDesk rosters;
    @Autowired
    RosterStore store;
    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationEventPublisher events;

    private String team() {
        String code = "kf-" + Long.toString(System.nanoTime(), 36);
        jdbc.sql("insert into team (code, name) values (?, ?)").params(code, "在线二组 " + code).update();
        events.publishEvent(new IdentityChanged("test", "test.refresh", "directory", ""));
        return code;
    }

    @Test
    void aTeamWithANewCodeGivenChatStaffsTheChatRequirement() {
        Api planner = fixtures.api(fixtures.user("PLANNER", null));
        LocalDate day = LocalDate.of(2060, 1, 5).plusDays(ThreadLocalRandom.current().nextInt(3000));
        // chats from 09:00 to 18:00, nothing on the phone beyond what history gives
        List<Integer> chats = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            chats.add(i >= 18 && i < 36 ? 30 : 0);
        }
        planner.put("/api/v1/workforce/forecast/overrides", Api.body("day", day.toString(), "channel", "CHAT", "kind", "MANUAL",
                "volumes", chats)).expect(204);

        String plain = team();
        String chat = team();
        for (int i = 0; i < 6; i++) {
            fixtures.user("AGENT", plain);
            fixtures.user("AGENT", chat);
        }
        events.publishEvent(new IdentityChanged("test", "test.refresh", "directory", ""));
        long chatTeam = fixtures.team(chat);
        assertThat(planner.get("/api/v1/workforce/teams/" + chatTeam + "/skills").expect(200).json().get("skills").toString())
                .as("a team nobody configured brings the hotline").isEqualTo("[\"HOTLINE\"]");
        assertThat(planner.put("/api/v1/workforce/teams/" + chatTeam + "/skills", Api.body("skills", List.of("CHAT")))
                .expect(200).json().get("skills").toString()).isEqualTo("[\"CHAT\"]");

        // hotline agents cannot take chats, so their roster does not carry the chat requirement at all: its gaps
        // would be another team's (issue 15: a roster lists only its own teams' gaps)
        long plainRoster = planner.post("/api/v1/workforce/rosters", Api.body("name", "热线排班", "teamId", fixtures.team(plain),
                "startsOn", day.toString(), "days", 1)).expect(201).id();
        assertThat(rosters.requirement(store.get(plainRoster)).agents().get(Skill.CHAT)).as("no chat asked of hotline agents")
                .containsOnly(0);
        assertThat(chatStaffed(planner, chatTeam, day)).as("the team given CHAT covers most chat intervals").isGreaterThan(0.5);
    }

    /** Builds a one-day roster of the team's staff, solves it here and returns the share of chat intervals covered. */
    private double chatStaffed(Api planner, long teamId, LocalDate day) {
        long id = planner.post("/api/v1/workforce/rosters", Api.body("name", "技能排班", "teamId", teamId, "startsOn", day.toString(),
                "days", 1)).expect(201).id();
        RosterStore.RosterRow row = store.get(id);
        Requirement requirement = rosters.requirement(row);
        int[] need = requirement.agents().get(Skill.CHAT);
        assertThat(need).as("the forecast asks for chat agents").isNotNull();
        Map<Long, Set<Skill>> members = store.members(id);
        RosterPlan plan = new RosterPlan(store.agents(members, rosters.names(members.keySet()), day, day),
                SlotPlanner.slots(requirement, Set.of(), Map.of()), Limits.of(RosterRules.defaults(), 1), 1);
        RosterPlan solved = RosterSolver.solve(plan, Duration.ofSeconds(2), null, score -> { });
        int[] scheduled = Coverage.of(requirement, solved.getSlots()).scheduled().get(Skill.CHAT);
        int asked = 0;
        int met = 0;
        for (int i = 0; i < need.length; i++) {
            if (need[i] > 0) {
                asked++;
                if (scheduled != null && scheduled[i] >= need[i]) {
                    met++;
                }
            }
        }
        assertThat(asked).isPositive();
        return (double) met / asked;
    }

    @Test
    void onlyPlannersKeepTeamSkillsAndBadInputIsRefused() throws Exception {
        long teamId = fixtures.team(team());
        Api planner = fixtures.api(fixtures.user("PLANNER", null));
        fixtures.api(fixtures.user("AGENT")).get("/api/v1/workforce/teams/" + teamId + "/skills").expect(403);
        fixtures.api(fixtures.user("AGENT")).put("/api/v1/workforce/teams/" + teamId + "/skills",
                Api.body("skills", List.of("CHAT"))).expect(403);
        planner.put("/api/v1/workforce/teams/" + teamId + "/skills", Api.body("skills", List.of())).expect(422);
        planner.put("/api/v1/workforce/teams/" + teamId + "/skills", Api.body("skills", List.of("TELEPATHY"))).expect(400);
        planner.put("/api/v1/workforce/teams/987654321/skills", Api.body("skills", List.of("CHAT"))).expect(404);
        planner.get("/api/v1/workforce/teams/987654321/skills").expect(404);

        CurrentUser plannerUser = fixtures.user("PLANNER", null);
        mvc.perform(post("/console/workforce/teams/" + teamId + "/skills").param("skill", "AFTER_SALES").param("skill", "HOTLINE")
                .with(user(plannerUser)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(planner.get("/api/v1/workforce/teams/" + teamId + "/skills").expect(200).json().get("skills").toString())
                .isEqualTo("[\"HOTLINE\",\"AFTER_SALES\"]");
        String page = mvc.perform(get("/console/workforce/rosters").with(user(plannerUser)).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("班组技能", "/console/workforce/teams/" + teamId + "/skills");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'team-skills.update' and subject = ?")
                .param("team:" + teamId).query(Long.class).single()).isEqualTo(1);
    }
}
