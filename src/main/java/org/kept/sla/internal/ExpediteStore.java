package org.kept.sla.internal;

import org.kept.shared.SqlTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Expedites (加急) and whether each was honoured: resolved by its new deadline, or missed. */
@Repository
class ExpediteStore {

    static final String PENDING = "PENDING";

    private final JdbcClient jdbc;

    ExpediteStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long ticketId, Long teamId, long by, String reason, Instant at, Instant oldDue, Instant newDue) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into sla_expedite (ticket_id, team_id, requested_by, reason, requested_at, old_due, new_due, outcome) "
                        + "values (?, ?, ?, ?, ?, ?, ?, 'PENDING')")
                .params(ticketId, teamId, by, reason, SqlTime.utc(at), SqlTime.utc(oldDue), SqlTime.utc(newDue))
                .update(key, "id");
        return key.getKey().longValue();
    }

    Expedite get(long id) {
        return jdbc.sql("select id, ticket_id, reason, requested_at, old_due, new_due, outcome from sla_expedite where id = ?")
                .param(id).query((rs, i) -> new Expedite(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class),
                        rs.getObject(6, OffsetDateTime.class), rs.getString(7))).single();
    }

    /** The ticket is resolved: its open expedites were honoured if this is by their new deadline. */
    void settle(long ticketId, Instant now) {
        jdbc.sql("update sla_expedite set outcome = case when new_due >= ? then 'HONOURED' else 'MISSED' end, settled_at = ? "
                        + "where ticket_id = ? and outcome = 'PENDING'")
                .params(SqlTime.utc(now), SqlTime.utc(now), ticketId).update();
    }

    /** The resolution deadline passed unresolved: open expedites due by now are missed. */
    int missed(long ticketId, Instant now) {
        return jdbc.sql("update sla_expedite set outcome = 'MISSED', settled_at = ? where ticket_id = ? and outcome = 'PENDING' "
                        + "and new_due <= ?")
                .params(SqlTime.utc(now), ticketId, SqlTime.utc(now)).update();
    }

    /** Per team, expedites requested from {@code from} up to {@code to}: how many, honoured, missed, still open. */
    List<TeamFigures> report(Instant from, Instant to) {
        return jdbc.sql("select team_id, count(*), sum(case when outcome = 'HONOURED' then 1 else 0 end), "
                        + "sum(case when outcome = 'MISSED' then 1 else 0 end), sum(case when outcome = 'PENDING' then 1 else 0 end) "
                        + "from sla_expedite where requested_at >= ? and requested_at < ? group by team_id order by team_id")
                .params(SqlTime.utc(from), SqlTime.utc(to))
                .query((rs, i) -> new TeamFigures(rs.getObject(1, Long.class), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5))).list();
    }
}
