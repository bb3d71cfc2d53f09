package org.kept.workforce.internal;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.kept.workforce.Skill;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the skills a team brings to a roster by default (wf_team_skill). */
@Repository
class TeamSkillStore {

    private final JdbcClient jdbc;

    TeamSkillStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Configured skills by team: of one team, or of every team when {@code teamId} is null. */
    Map<Long, Set<Skill>> byTeam(Long teamId) {
        Map<Long, Set<Skill>> all = new HashMap<>();
        jdbc.sql("select team_id, skill from wf_team_skill" + (teamId == null ? "" : " where team_id = " + teamId))
                .query((java.sql.ResultSet rs) -> {
                    all.computeIfAbsent(rs.getLong(1), k -> EnumSet.noneOf(Skill.class)).add(Skill.valueOf(rs.getString(2)));
                });
        return all;
    }

    void replace(long teamId, Set<Skill> skills) {
        jdbc.sql("delete from wf_team_skill where team_id = ?").param(teamId).update();
        for (Skill s : EnumSet.copyOf(skills)) {
            jdbc.sql("insert into wf_team_skill (team_id, skill) values (?, ?)").params(teamId, s.name()).update();
        }
    }
}
