package org.kept.callback.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.kept.callback.Callbacks;
import org.kept.shared.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** callback_task, callback_attempt and callback_reason as plain SQL. */
@Repository
class CallbackStore {

    private static final String TASK = "id, reason, ticket_id, customer_id, number, team_id, owner_id, due_at, state, note, "
            + "wait_seconds, (select count(*) from callback_attempt a where a.task_id = t.id and a.outcome is not null), "
            + "created_at, closed_at, version";
    private static final String ATTEMPT = "id, task_id, seq, planned_at, agent_id, dialled_at, outbox_id, contact_id, outcome, "
            + "call_again_at, note, recorded_at";

    private final JdbcClient jdbc;

    CallbackStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ReasonRule> rule(Callbacks.Reason reason) {
        return jdbc.sql("select reason, max_attempts, retry_minutes, due_minutes, script_codes from callback_reason "
                        + "where reason = ?").param(reason.name())
                .query((rs, n) -> new ReasonRule(Callbacks.Reason.valueOf(rs.getString(1)), rs.getInt(2), rs.getInt(3),
                        rs.getInt(4), Arrays.stream(rs.getString(5).split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList())).optional();
    }

    /** The open task under this key: the one just inserted, or the one already open ({@code created} false). */
    record Opened(long id, boolean created) {
    }

    /** Inserts an open task unless one is open under the same key. */
    Opened openOnce(String openKey, Callbacks.CallbackRequest r, Instant due, Long waitSeconds, Instant now) {
        int inserted = jdbc.sql("insert into callback_task (reason, ticket_id, customer_id, number, team_id, due_at, state, note, "
                        + "wait_seconds, open_key, created_at) values (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?) "
                        + "on conflict do nothing")
                .params(r.reason().name(), r.ticketId(), r.customerId(), r.number(), r.teamId(), SqlTime.utc(due),
                        r.note(), waitSeconds, openKey, SqlTime.utc(now))
                .update();
        long id = jdbc.sql("select id from callback_task where open_key = ?").param(openKey).query(Long.class).single();
        return new Opened(id, inserted == 1);
    }

    Optional<CallbackTask> find(long id) {
        return jdbc.sql("select " + TASK + " from callback_task t where id = ?").param(id)
                .query(CallbackStore::task).optional();
    }

    /** Open tasks held by a person, soonest first. */
    List<CallbackTask> openOf(long ownerId, int limit) {
        return jdbc.sql("select " + TASK + " from callback_task t where owner_id = ? and state = 'OPEN' "
                        + "order by due_at, id limit ?").params(ownerId, limit).query(CallbackStore::task).list();
    }

    /** Open tasks of a team (held or not), soonest first. */
    List<CallbackTask> openOfTeam(long teamId, int limit) {
        return jdbc.sql("select " + TASK + " from callback_task t where team_id = ? and state = 'OPEN' "
                        + "order by due_at, id limit ?").params(teamId, limit).query(CallbackStore::task).list();
    }

    /** Open tasks past their time, of one team or (null) of every team, most overdue first. */
    List<CallbackTask> overdue(Long teamId, Instant now, int limit) {
        return jdbc.sql("select " + TASK + " from callback_task t where state = 'OPEN' and due_at < ?"
                        + " and (cast(? as bigint) is null or team_id = ?) order by due_at, id limit ?")
                .params(SqlTime.utc(now), teamId, teamId, limit).query(CallbackStore::task).list();
    }

    long countOpenOf(long ownerId) {
        return jdbc.sql("select count(*) from callback_task where owner_id = ? and state = 'OPEN'").param(ownerId)
                .query(Long.class).single();
    }

    long countOpenOfTeam(long teamId) {
        return jdbc.sql("select count(*) from callback_task where team_id = ? and state = 'OPEN'").param(teamId)
                .query(Long.class).single();
    }

    long countOverdue(Long teamId, Instant now) {
        return jdbc.sql("select count(*) from callback_task where state = 'OPEN' and due_at < ?"
                        + " and (cast(? as bigint) is null or team_id = ?)")
                .params(SqlTime.utc(now), teamId, teamId).query(Long.class).single();
    }

    List<CallbackTask> ofTicket(long ticketId) {
        return jdbc.sql("select " + TASK + " from callback_task t where ticket_id = ? order by id").param(ticketId)
                .query(CallbackStore::task).list();
    }

    /** Takes an open task for a person (the first to act on a team's task holds it). */
    void own(long taskId, long ownerId) {
        jdbc.sql("update callback_task set owner_id = ?, version = version + 1 where id = ? and owner_id is null")
                .params(ownerId, taskId).update();
    }

    void reschedule(long taskId, Instant due) {
        jdbc.sql("update callback_task set due_at = ?, version = version + 1 where id = ?")
                .params(SqlTime.utc(due), taskId).update();
    }

    void close(long taskId, String state, Instant at) {
        jdbc.sql("update callback_task set state = ?, open_key = null, closed_at = ?, version = version + 1 "
                + "where id = ? and state = 'OPEN'").params(state, SqlTime.utc(at), taskId).update();
    }

    List<CallbackAttempt> attempts(long taskId) {
        return jdbc.sql("select " + ATTEMPT + " from callback_attempt where task_id = ? order by seq").param(taskId)
                .query(CallbackStore::attempt).list();
    }

    Optional<CallbackAttempt> attempt(long id) {
        return jdbc.sql("select " + ATTEMPT + " from callback_attempt where id = ?").param(id)
                .query(CallbackStore::attempt).optional();
    }

    long planAttempt(long taskId, int seq, Instant at) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into callback_attempt (task_id, seq, planned_at) values (?, ?, ?)")
                .params(taskId, seq, SqlTime.utc(at)).update(key, "id");
        return key.getKey().longValue();
    }

    /** Marks an attempt dialled through the PBX; false when someone dialled it already. */
    boolean dialled(long attemptId, long agentId, long outboxId, long contactId, Instant at) {
        return jdbc.sql("update callback_attempt set agent_id = ?, dialled_at = ?, outbox_id = ?, contact_id = ? "
                        + "where id = ? and dialled_at is null and outcome is null")
                .params(agentId, SqlTime.utc(at), outboxId, contactId, attemptId).update() == 1;
    }

    /** Records an attempt's outcome; false when it has one already (a retried request, or a colleague first). */
    boolean record(long attemptId, long agentId, CallbackAttempt.Outcome outcome, Instant callAgainAt, String note, Instant at) {
        return jdbc.sql("update callback_attempt set agent_id = coalesce(agent_id, ?), outcome = ?, call_again_at = ?, "
                        + "note = ?, recorded_at = ? where id = ? and outcome is null")
                .params(agentId, outcome.name(), callAgainAt == null ? null : SqlTime.utc(callAgainAt), note,
                        SqlTime.utc(at), attemptId).update() == 1;
    }

    private static CallbackTask task(ResultSet rs, int n) throws SQLException {
        return new CallbackTask(rs.getLong(1), Callbacks.Reason.valueOf(rs.getString(2)), rs.getObject(3, Long.class),
                rs.getObject(4, Long.class), rs.getString(5), rs.getObject(6, Long.class), rs.getObject(7, Long.class),
                SqlTime.instant(rs, 8), rs.getString(9), rs.getString(10), rs.getObject(11, Long.class), rs.getInt(12),
                SqlTime.instant(rs, 13), SqlTime.instant(rs, 14), rs.getInt(15));
    }

    private static CallbackAttempt attempt(ResultSet rs, int n) throws SQLException {
        String outcome = rs.getString(9);
        return new CallbackAttempt(rs.getLong(1), rs.getLong(2), rs.getInt(3), SqlTime.instant(rs, 4),
                rs.getObject(5, Long.class), SqlTime.instant(rs, 6), rs.getObject(7, Long.class),
                rs.getObject(8, Long.class), outcome == null ? null : CallbackAttempt.Outcome.valueOf(outcome),
                SqlTime.instant(rs, 10), rs.getString(11), SqlTime.instant(rs, 12));
    }

    /** A past task as it was (the history import); answers its id, or null when its open key is taken. */
    Long insertHistoric(org.kept.callback.CallbackHistory.HistoricCallback c, String openKey) {
        if (openKey != null && jdbc.sql("select count(*) from callback_task where open_key = ?").param(openKey)
                .query(Long.class).single() > 0) {
            return null;
        }
        org.springframework.jdbc.support.GeneratedKeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into callback_task (reason, ticket_id, customer_id, number, team_id, due_at, state, wait_seconds, "
                + "open_key, created_at, closed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.reason().name(), c.ticketId(), c.customerId(), c.number(), c.teamId(), SqlTime.utc(c.dueAt()),
                        c.state(), c.waitSeconds(), openKey, SqlTime.utc(c.createdAt()),
                        c.closedAt() == null ? null : SqlTime.utc(c.closedAt()))
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** Past attempts in one JDBC batch: task id, seq, planned, agent, dialled, outcome, call again, note, recorded. */
    void insertHistoricAttempts(org.springframework.jdbc.core.JdbcTemplate batch, List<Object[]> rows) {
        batch.batchUpdate("insert into callback_attempt (task_id, seq, planned_at, agent_id, dialled_at, outcome, "
                + "call_again_at, note, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }
}
