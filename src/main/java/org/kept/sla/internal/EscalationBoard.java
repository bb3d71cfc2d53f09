package org.kept.sla.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** 升级看板: what breaches next, who holds it, how long the customer has waited; read along the escalation_at index. */
@Repository
public class EscalationBoard {

    private final JdbcClient jdbc;

    EscalationBoard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One row: the ticket, its holder's ids, the next deadline and the wait since the centre last spoke. */
    public record Row(long ticketId, String number, String subject, int priority, String state, Long teamId, Long assigneeId,
                      Instant escalationAt, long minutesToBreach, int escalationLevel, Instant waitingSince,
                      long minutesWaited, int expedites) {
    }

    public List<Row> next(Long teamId, int limit, Instant now) {
        List<Object> params = new ArrayList<>();
        String team = "";
        if (teamId != null) {
            team = " and t.team_id = ?";
            params.add(teamId);
        }
        params.add(limit);
        return jdbc.sql("select c.ticket_id, t.number, t.subject, t.priority, t.state, t.team_id, t.assignee_id, c.escalation_at, "
                        + "c.escalation_level, coalesce(c.update_anchor_at, c.started_at), c.expedites "
                        + "from sla_clock c join ticket t on t.id = c.ticket_id where c.escalation_at is not null" + team
                        + " order by c.escalation_at, c.ticket_id limit ?")
                .params(params)
                .query((rs, i) -> {
                    Instant at = rs.getObject(8, OffsetDateTime.class).toInstant();
                    Instant since = rs.getObject(10, OffsetDateTime.class).toInstant();
                    return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                            rs.getObject(6, Long.class), rs.getObject(7, Long.class), at,
                            Duration.between(now, at).toMinutes(), rs.getInt(9), since,
                            Math.max(0, Duration.between(since, now).toMinutes()), rs.getInt(11));
                }).list();
    }
}
