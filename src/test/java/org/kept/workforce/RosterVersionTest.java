package org.kept.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Rosters;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A published roster is replaced by publishing a new version of it: agents then see the new version's shifts only,
 * the old one stays as SUPERSEDED, and a second version of the same old roster cannot be published on top. The
 * requirement counts only the skills the roster's members take.
 */
@KeptTest
class RosterVersionTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aNewVersionReplacesThePublishedRosterAndTheOldOneIsKept() {
        CurrentUser plannerUser = fixtures.user("PLANNER", null);
        Api planner = fixtures.api(plannerUser);
        String team = "rv-" + Long.toString(System.nanoTime(), 36);
        jdbc.sql("insert into team (code, name) values (?, ?)").params(team, "版本测试组").update();
        List<CurrentUser> agents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            agents.add(fixtures.user("AGENT", team));
        }
        LocalDate day = LocalDate.of(2090, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));
        List<Integer> volumes = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            volumes.add(i >= 18 && i < 30 ? 10 : 0);
        }
        for (String channel : List.of("PHONE", "CHAT")) {
            planner.put("/api/v1/workforce/forecast/overrides", Api.body("day", day.toString(), "channel", channel,
                    "kind", "MANUAL", "volumes", volumes)).expect(204);
        }
        long first = planner.post("/api/v1/workforce/rosters", Api.body("name", "版本一", "startsOn", day.toString(), "days", 1,
                "memberIds", agents.stream().map(CurrentUser::id).toList())).expect(201).id();
        assertThat(planner.get("/api/v1/workforce/rosters/" + first + "/coverage").expect(200).body())
                .as("chat is nobody's skill on this roster: no chat requirement, no chat call-backs").doesNotContain("CHAT");
        planner.post("/api/v1/workforce/rosters/" + first + "/versions", null).expect(409);
        solveAndPublish(planner, first);

        long second = planner.post("/api/v1/workforce/rosters/" + first + "/versions", null).expect(201).id();
        long third = planner.post("/api/v1/workforce/rosters/" + first + "/versions", null).expect(201).id();
        assertThat(planner.get("/api/v1/workforce/rosters/" + second).expect(200).json().path("state").asString()).isEqualTo("DRAFT");
        assertThat(jdbc.sql("select count(*) from wf_roster_member where roster_id = ?").param(second).query(Long.class).single())
                .isEqualTo(3);
        assertThat(state(first)).as("agents keep seeing it until the new version is published").isEqualTo("PUBLISHED");
        solveAndPublish(planner, second);
        assertThat(state(first)).isEqualTo("SUPERSEDED");
        assertThat(state(second)).isEqualTo("PUBLISHED");

        // the agents' shifts come from the new version only
        long fromOld = 0;
        long fromNew = 0;
        for (CurrentUser agent : agents) {
            for (var shift : fixtures.api(agent).get("/api/v1/workforce/my-shifts?from=" + day.minusDays(1) + "&to="
                    + day.plusDays(1)).expect(200).json()) {
                fromOld += shift.path("rosterId").asLong() == first ? 1 : 0;
                fromNew += shift.path("rosterId").asLong() == second ? 1 : 0;
            }
        }
        assertThat(fromOld).isZero();
        assertThat(fromNew).isPositive();

        // another version of the replaced roster cannot go on top of the one that replaced it
        planner.post("/api/v1/workforce/rosters/" + third + "/solve?seconds=1", null).expect(202);
        Rosters.awaitState(planner, third, "SOLVED");
        planner.post("/api/v1/workforce/rosters/" + third + "/publish", null).expect(409);
        assertThat(state(third)).isEqualTo("SOLVED");
        assertThat(state(second)).isEqualTo("PUBLISHED");
        assertThat(jdbc.sql("select actor || ' ' || action || ' ' || details from audit_entry where subject = ? order by id")
                .param("roster:" + first).query(String.class).list())
                .contains(plannerUser.username() + " roster.replace replaced by roster:" + second + " (版本一)");
    }

    private void solveAndPublish(Api planner, long id) {
        planner.post("/api/v1/workforce/rosters/" + id + "/solve?seconds=1", null).expect(202);
        Rosters.awaitState(planner, id, "SOLVED");
        planner.post("/api/v1/workforce/rosters/" + id + "/publish", null).expect(200);
    }

    private String state(long id) {
        return jdbc.sql("select state from wf_roster where id = ?").param(id).query(String.class).single();
    }
}
