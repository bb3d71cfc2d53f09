package org.kept.sla.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kept.shared.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the hours each team serves customers (sla_team_hours). */
@Repository
class TeamHoursStore {

    private final JdbcClient jdbc;

    TeamHoursStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Long> calendarOf(long teamId) {
        return jdbc.sql("select calendar_id from sla_team_hours where team_id = ?").param(teamId).query(Long.class).optional();
    }

    List<ServiceHours.TeamHours> all() {
        return jdbc.sql("select team_id, calendar_id from sla_team_hours order by team_id")
                .query((rs, n) -> new ServiceHours.TeamHours(rs.getLong(1), rs.getLong(2))).list();
    }

    void set(long teamId, long calendarId, Instant at) {
        if (jdbc.sql("update sla_team_hours set calendar_id = ?, updated_at = ? where team_id = ?")
                .params(calendarId, SqlTime.utc(at), teamId).update() == 0) {
            jdbc.sql("insert into sla_team_hours (team_id, calendar_id, updated_at) values (?, ?, ?)")
                    .params(teamId, calendarId, SqlTime.utc(at)).update();
        }
    }
}
