package org.kept.sla.internal;

import org.kept.shared.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.kept.sla.CommitmentState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** sla_commitment as plain SQL; the ticket's number is kept on the row (it never changes), so lists need no join. */
@Repository
class CommitmentStore {

    private static final String COLUMNS = "id, ticket_id, ticket_number, owner_id, team_id, promise, due, state, outcome, version, "
            + "call_back";

    private final JdbcClient jdbc;

    CommitmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long ticketId, String ticketNumber, long ownerId, Long teamId, String promise, Instant due, boolean callBack,
                Instant remindAt, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into sla_commitment (ticket_id, ticket_number, owner_id, team_id, promise, due, call_back, state, "
                        + "reminded, next_at, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?, ?)")
                .params(ticketId, ticketNumber, ownerId, teamId, promise, SqlTime.utc(due), callBack,
                        CommitmentState.OPEN.name(), SqlTime.utc(remindAt), ownerId, SqlTime.utc(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    Optional<CommitmentDesk.Commitment> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from sla_commitment where id = ?").param(id)
                .query(CommitmentStore::row).optional();
    }

    /** Open promises of a person (or of a team, those fallen to it included), soonest first. */
    List<CommitmentDesk.Commitment> open(Long ownerId, Long teamId, int limit) {
        String where = ownerId != null ? "owner_id = ?" : "team_id = ?";
        return jdbc.sql("select " + COLUMNS + " from sla_commitment where " + where + " and state = ? order by due, id limit ?")
                .params(ownerId != null ? ownerId : teamId, CommitmentState.OPEN.name(), limit)
                .query(CommitmentStore::row).list();
    }

    List<CommitmentDesk.Commitment> ofTicket(long ticketId) {
        return jdbc.sql("select " + COLUMNS + " from sla_commitment where ticket_id = ? order by id").param(ticketId)
                .query(CommitmentStore::row).list();
    }

    List<CommitmentDesk.Commitment> openBefore(long ownerId, Instant until) {
        return jdbc.sql("select " + COLUMNS + " from sla_commitment where owner_id = ? and state = ? and due < ? "
                        + "order by due, id")
                .params(ownerId, CommitmentState.OPEN.name(), SqlTime.utc(until)).query(CommitmentStore::row).list();
    }

    /** Open promises on these tickets, soonest first; an empty list asks nothing. */
    List<CommitmentDesk.Commitment> openOn(Collection<Long> ticketIds) {
        if (ticketIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from sla_commitment where ticket_id in (:ids) and state = :open "
                        + "order by due, id")
                .param("ids", ticketIds).param("open", CommitmentState.OPEN.name())
                .query(CommitmentStore::row).list();
    }

    /**
     * The promise follows its ticket to a new holder (a person, or the team when nobody holds it); the reminder is due
     * again, so it reaches the new holder.
     */
    boolean move(long id, Long ownerId, Long teamId, Instant nextAt, int expectedVersion) {
        return jdbc.sql("update sla_commitment set owner_id = ?, team_id = ?, reminded = false, next_at = ?, "
                        + "version = version + 1 where id = ? and state = ? and version = ?")
                .params(ownerId, teamId, SqlTime.utc(nextAt), id, CommitmentState.OPEN.name(), expectedVersion)
                .update() == 1;
    }

    /** Settles an open promise at the version read; false when someone else changed it first. */
    boolean settle(long id, CommitmentState state, String outcome, Instant at, int expectedVersion) {
        return jdbc.sql("update sla_commitment set state = ?, outcome = coalesce(?, outcome), settled_at = ?, next_at = null, "
                        + "version = version + 1 where id = ? and state = ? and version = ?")
                .params(state.name(), outcome, SqlTime.utc(at), id, CommitmentState.OPEN.name(), expectedVersion)
                .update() == 1;
    }

    /** Nobody holds it any longer: the team does. */
    void fallToTeam(long id) {
        jdbc.sql("update sla_commitment set owner_id = null, version = version + 1 where id = ?").param(id).update();
    }

    /** The reminder went out; the next thing to look at is the due time itself. */
    void reminded(long id, Instant due) {
        jdbc.sql("update sla_commitment set reminded = true, next_at = ? where id = ?").params(SqlTime.utc(due), id).update();
    }

    void nothingDue(long id) {
        jdbc.sql("update sla_commitment set next_at = null where id = ?").param(id).update();
    }

    record Due(long id, OffsetDateTime nextAt) {
    }

    /** Reminders and misses due at {@code now}, earliest first, along the next_at index. */
    List<Due> due(Instant now, int limit, Collection<Long> onlyTickets) {
        String only = onlyTickets == null ? "" : onlyTickets.isEmpty() ? " and 1 = 0"
                : " and ticket_id in (" + onlyTickets.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")";
        return jdbc.sql("select id, next_at from sla_commitment where next_at <= ?" + only + " order by next_at limit ?")
                .params(SqlTime.utc(now), limit)
                .query((rs, i) -> new Due(rs.getLong(1), rs.getObject(2, OffsetDateTime.class))).list();
    }

    /** Compare-and-set on next_at, like the ticket clocks: only one instance takes the promise. */
    boolean lease(Due due, Instant until) {
        return jdbc.sql("update sla_commitment set next_at = ? where id = ? and next_at = ?")
                .params(SqlTime.utc(until), due.id(), due.nextAt()).update() == 1;
    }

    private static CommitmentDesk.Commitment row(ResultSet rs, int i) throws SQLException {
        return new CommitmentDesk.Commitment(rs.getLong("id"), rs.getLong("ticket_id"), rs.getString("ticket_number"),
                rs.getObject("owner_id", Long.class), rs.getObject("team_id", Long.class), rs.getString("promise"),
                rs.getObject("due", OffsetDateTime.class).toInstant(), CommitmentState.valueOf(rs.getString("state")),
                rs.getString("outcome"), rs.getInt("version"), rs.getBoolean("call_back"));
    }
}
