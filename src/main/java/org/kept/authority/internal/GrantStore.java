package org.kept.authority.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.kept.shared.Money;
import org.kept.shared.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** authority_grant, authority_tally, authority_request and authority_request_step as plain SQL. */
@Repository
class GrantStore {

    private static final String GRANT = "id, ticket_id, customer_id, agent_id, agent_team_id, action_code, currency, "
            + "amount_minor, reason, request_id, granted_at";
    private static final String REQUEST = "id, ticket_id, customer_id, requester_id, requester_team_id, action_code, currency, "
            + "amount_minor, reason, evidence, state, step, steps, created_at, step_due_at, ended_at, end_note";
    private static final String STEP = "seq, level_position, role_code, team_id, name_zh, name_en, state, decided_by, "
            + "decided_by_name, decision_comment, decided_at";

    private final JdbcClient jdbc;

    GrantStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the tally rows of an agent and a customer, in key order (so two grants never wait on each other in a
     * circle), until the caller's transaction ends: whoever holds them sums and inserts alone.
     */
    void lockTallies(long agentId, Long customerId) {
        TreeSet<String> keys = new TreeSet<>();
        keys.add("agent:" + agentId);
        if (customerId != null) {
            keys.add("customer:" + customerId);
        }
        for (String key : keys) {
            jdbc.sql("insert into authority_tally (tally_key) values (?) on conflict do nothing").param(key).update();
            jdbc.sql("select tally_key from authority_tally where tally_key = ? for update").param(key).query(String.class).single();
        }
    }

    /** What the agent was granted since {@code dayStart} and the customer since {@code monthStart}, of one action and currency. */
    Limit.Totals totals(long agentId, Long customerId, String action, String currency, Instant dayStart, Instant monthStart) {
        long agent = jdbc.sql("select coalesce(sum(amount_minor), 0) from authority_grant where agent_id = ? and action_code = ? "
                        + "and currency = ? and granted_at >= ?")
                .params(agentId, action, currency, SqlTime.utc(dayStart)).query(Long.class).single();
        long customer = customerId == null ? 0 : jdbc.sql("select coalesce(sum(amount_minor), 0) from authority_grant "
                        + "where customer_id = ? and action_code = ? and currency = ? and granted_at >= ?")
                .params(customerId, action, currency, SqlTime.utc(monthStart)).query(Long.class).single();
        return new Limit.Totals(agent, customer);
    }

    long insertGrant(long ticketId, Long customerId, long agentId, Long teamId, String action, Money amount, String reason,
                     Long requestId, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into authority_grant (ticket_id, customer_id, agent_id, agent_team_id, action_code, currency, "
                        + "amount_minor, reason, request_id, granted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(ticketId, customerId, agentId, teamId, action, amount.currency(), amount.minor(), reason, requestId,
                        SqlTime.utc(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Grant> grant(long id) {
        return jdbc.sql("select " + GRANT + " from authority_grant where id = ?").param(id).query(GrantStore::grant).optional();
    }

    List<Grant> grantsOfTicket(long ticketId) {
        return jdbc.sql("select " + GRANT + " from authority_grant where ticket_id = ? order by id").param(ticketId)
                .query(GrantStore::grant).list();
    }

    long insertRequest(long ticketId, Long customerId, long requesterId, Long teamId, String action, Money amount,
                       String reason, String evidence, List<Level> chain, Instant now, Instant due) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into authority_request (ticket_id, customer_id, requester_id, requester_team_id, action_code, currency, "
                        + "amount_minor, reason, evidence, state, step, steps, created_at, step_due_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 1, ?, ?, ?)")
                .params(ticketId, customerId, requesterId, teamId, action, amount.currency(), amount.minor(), reason, evidence,
                        chain.size(), SqlTime.utc(now), SqlTime.utc(due))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        int seq = 1;
        for (Level level : chain) {
            jdbc.sql("insert into authority_request_step (request_id, seq, level_position, role_code, team_id, name_zh, name_en, "
                            + "state) values (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, seq, level.position(), level.role(), level.sameTeam() ? teamId : null, level.nameZh(),
                            level.nameEn(), seq == 1 ? "PENDING" : "WAITING")
                    .update();
            seq++;
        }
        return id;
    }

    Optional<ExceptionRequest> request(long id) {
        return jdbc.sql("select " + REQUEST + " from authority_request where id = ?").param(id)
                .query((rs, i) -> request(rs, steps(rs.getLong(1)))).optional();
    }

    List<ExceptionRequest> requestsOfTicket(long ticketId) {
        return withSteps(jdbc.sql("select " + REQUEST + " from authority_request where ticket_id = ? order by id desc")
                .param(ticketId).query((rs, i) -> request(rs, List.of())).list());
    }

    List<ExceptionRequest> requestsOf(long requesterId, int limit) {
        return withSteps(jdbc.sql("select " + REQUEST + " from authority_request where requester_id = ? order by id desc limit ?")
                .params(requesterId, limit).query((rs, i) -> request(rs, List.of())).list());
    }

    /** Pending requests whose current step is for this role (and, for a team's level, this team), oldest first. */
    List<ExceptionRequest> waitingFor(String role, Long teamId, long notRequester, int limit) {
        return withSteps(jdbc.sql("select r." + REQUEST.replace(", ", ", r.") + " from authority_request r "
                        + "join authority_request_step s on s.request_id = r.id and s.seq = r.step "
                        + "where r.state = 'PENDING' and s.state = 'PENDING' and s.role_code = ? "
                        + "and (s.team_id is null or s.team_id = ?) and r.requester_id <> ? order by r.step_due_at, r.id limit ?")
                .params(role, teamId == null ? -1L : teamId, notRequester, limit).query((rs, i) -> request(rs, List.of())).list());
    }

    /** Pending requests whose step ran out by {@code now}, oldest first. */
    List<Long> due(Instant now, int limit) {
        return jdbc.sql("select id from authority_request where state = 'PENDING' and step_due_at <= ? order by step_due_at limit ?")
                .params(SqlTime.utc(now), limit).query(Long.class).list();
    }

    /**
     * Decides the request's current step, by compare-and-set on the request's state and step: false when someone
     * decided it (or it ended) since it was read.
     */
    boolean decideStep(long id, int step, String stepState, long by, String byName, String comment, Instant now) {
        int moved = jdbc.sql("update authority_request_step set state = ?, decided_by = ?, decided_by_name = ?, "
                        + "decision_comment = ?, decided_at = ? where request_id = ? and seq = ? and state = 'PENDING'")
                .params(stepState, by, byName, comment, SqlTime.utc(now), id, step).update();
        return moved == 1;
    }

    /** The next step is asked: the request moves on with a new due time. */
    boolean advance(long id, int fromStep, Instant due) {
        int moved = jdbc.sql("update authority_request set step = step + 1, step_due_at = ? where id = ? and step = ? "
                        + "and state = 'PENDING'").params(SqlTime.utc(due), id, fromStep).update();
        if (moved == 1) {
            jdbc.sql("update authority_request_step set state = 'PENDING' where request_id = ? and seq = ?")
                    .params(id, fromStep + 1).update();
        }
        return moved == 1;
    }

    /** Ends a pending request (APPROVED, REJECTED, WITHDRAWN, EXPIRED) at the step read: false when it moved since. */
    boolean end(long id, int step, ExceptionRequest.State state, String note, Instant now) {
        int moved = jdbc.sql("update authority_request set state = ?, ended_at = ?, end_note = ?, step_due_at = null "
                        + "where id = ? and step = ? and state = 'PENDING'")
                .params(state.name(), SqlTime.utc(now), note, id, step).update();
        if (moved == 1 && state != ExceptionRequest.State.APPROVED && state != ExceptionRequest.State.REJECTED) {
            jdbc.sql("update authority_request_step set state = ? where request_id = ? and state in ('PENDING', 'WAITING')")
                    .params(state.name(), id).update();
        }
        return moved == 1;
    }

    /** One row of a report: who or what, in which currency, how many grants and how much. */
    record Sum(String key, String currency, long count, long amount) {
    }

    /** Grants from {@code from} until {@code to} summed by agent, team, action or reason, for one team or all (null). */
    List<Sum> sums(String by, Instant from, Instant to, Long teamId) {
        String column = switch (by) {
            case "agent" -> "cast(agent_id as varchar(20))";
            case "team" -> "coalesce(cast(agent_team_id as varchar(20)), '')";
            case "action" -> "action_code";
            case "reason" -> "reason";
            default -> throw new IllegalArgumentException(by);
        };
        List<Object> params = new ArrayList<>(List.of(SqlTime.utc(from), SqlTime.utc(to)));
        String team = "";
        if (teamId != null) {
            team = " and agent_team_id = ?";
            params.add(teamId);
        }
        return jdbc.sql("select " + column + ", currency, count(*), sum(amount_minor) from authority_grant "
                        + "where granted_at >= ? and granted_at < ?" + team + " group by " + column + ", currency "
                        + "order by sum(amount_minor) desc limit 50")
                .params(params).query((rs, i) -> new Sum(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4))).list();
    }

    private List<ExceptionRequest> withSteps(List<ExceptionRequest> requests) {
        if (requests.isEmpty()) {
            return requests;
        }
        Map<Long, List<ExceptionRequest.Step>> steps = new java.util.HashMap<>();
        jdbc.sql("select request_id, " + STEP + " from authority_request_step where request_id in (:ids) order by request_id, seq")
                .param("ids", requests.stream().map(ExceptionRequest::id).toList())
                .query((rs, i) -> {
                    steps.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(step(rs, 2));
                    return 0;
                }).list();
        return requests.stream().map(r -> new ExceptionRequest(r.id(), r.ticketId(), r.customerId(), r.requesterId(),
                r.requesterTeamId(), r.action(), r.amount(), r.reason(), r.evidence(), r.state(), r.step(), r.steps(),
                r.createdAt(), r.stepDueAt(), r.endedAt(), r.endNote(), List.copyOf(steps.getOrDefault(r.id(), List.of()))))
                .toList();
    }

    private List<ExceptionRequest.Step> steps(long requestId) {
        return jdbc.sql("select " + STEP + " from authority_request_step where request_id = ? order by seq").param(requestId)
                .query((rs, i) -> step(rs, 1)).list();
    }

    private static ExceptionRequest.Step step(ResultSet rs, int c) throws SQLException {
        return new ExceptionRequest.Step(rs.getInt(c), rs.getInt(c + 1), rs.getString(c + 2), rs.getObject(c + 3, Long.class),
                rs.getString(c + 4), rs.getString(c + 5), rs.getString(c + 6), rs.getObject(c + 7, Long.class),
                rs.getString(c + 8), rs.getString(c + 9), SqlTime.instant(rs, c + 10));
    }

    private static ExceptionRequest request(ResultSet rs, List<ExceptionRequest.Step> steps) throws SQLException {
        return new ExceptionRequest(rs.getLong(1), rs.getLong(2), rs.getObject(3, Long.class), rs.getLong(4),
                rs.getObject(5, Long.class), rs.getString(6), Money.of(rs.getLong(8), rs.getString(7)), rs.getString(9),
                rs.getString(10), ExceptionRequest.State.valueOf(rs.getString(11)), rs.getInt(12), rs.getInt(13),
                SqlTime.instant(rs, 14), SqlTime.instant(rs, 15), SqlTime.instant(rs, 16), rs.getString(17), steps);
    }

    private static Grant grant(ResultSet rs, int i) throws SQLException {
        return new Grant(rs.getLong(1), rs.getLong(2), rs.getObject(3, Long.class), rs.getLong(4), rs.getObject(5, Long.class),
                rs.getString(6), Money.of(rs.getLong(8), rs.getString(7)), rs.getString(9), rs.getObject(10, Long.class),
                SqlTime.instant(rs, 11));
    }
}
