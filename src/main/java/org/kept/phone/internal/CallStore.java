package org.kept.phone.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kept.contact.Direction;
import org.kept.phone.CallRecord;
import org.kept.phone.HistoricCall;
import org.kept.shared.SqlTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code phone_call} and {@code phone_call_event} tables. */
@Repository
class CallStore {

    private static final String COLUMNS = "id, call_id, contact_id, direction, number, line, customer_id, queue, agent_id, "
            + "agent_ref, state, started_at, answered_at, ended_at, queue_seconds, ring_seconds, wait_seconds, "
            + "talk_seconds, hold_seconds, cause, hung_up_by, transfers, recording_uri, recording_sha256, abandoned_sent";

    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    CallStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Finished calls with their facts and contacts, in JDBC batches; abandoned ones count as announced already. */
    int insertAll(long integrationId, List<HistoricCall> calls, List<CallFacts> facts, List<Long> contactIds) {
        List<Object[]> rows = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            HistoricCall c = calls.get(i);
            CallFacts f = facts.get(i);
            rows.add(new Object[] {integrationId, c.callId(), contactIds.get(i), c.direction().name(), c.number(), c.line(),
                c.customerId(), c.queue(), c.agentId(), c.agentRef(), f.state(), SqlTime.utc(c.startedAt()),
                SqlTime.utc(c.answeredAt()), SqlTime.utc(c.endedAt()), f.queueSeconds(), f.ringSeconds(), f.waitSeconds(),
                f.talkSeconds(), f.holdSeconds(), f.cause(), f.hungUpBy(), f.abandoned(c.direction())});
        }
        int written = 0;
        for (int[] chunk : batch.batchUpdate("insert into phone_call (integration_id, call_id, contact_id, direction, number, "
                + "line, customer_id, queue, agent_id, agent_ref, state, started_at, answered_at, ended_at, queue_seconds, "
                + "ring_seconds, wait_seconds, talk_seconds, hold_seconds, cause, hung_up_by, abandoned_sent) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows, BATCH,
                (ps, row) -> {
                    for (int p = 0; p < row.length; p++) {
                        ps.setObject(p + 1, row[p]);
                    }
                })) {
            written += chunk.length;
        }
        return written;
    }

    long insert(long integrationId, String callId, long contactId, Direction direction, String number, String line,
                Long customerId, Instant startedAt) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into phone_call (integration_id, call_id, contact_id, direction, number, line, customer_id, state, "
                        + "started_at) values (?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?)")
                .params(integrationId, callId, contactId, direction.name(), number, line, customerId,
                        SqlTime.utc(startedAt)).update(key, "id");
        return key.getKey().longValue();
    }

    /** The call, locked until the transaction ends: one call's events apply one after the other. */
    Optional<Stored> lock(long integrationId, String callId) {
        return jdbc.sql("select " + COLUMNS + " from phone_call where integration_id = ? and call_id = ? for update")
                .params(integrationId, callId).query(this::row).optional();
    }

    Optional<CallRecord> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from phone_call where id = ?").param(id).query(this::row).optional()
                .map(Stored::record);
    }

    /** The parties, learnt from a later event than the one that opened the call. */
    void identify(long id, Direction direction, String number, String line, Long customerId) {
        jdbc.sql("update phone_call set direction = ?, number = ?, line = coalesce(line, ?), customer_id = ? where id = ?")
                .params(direction.name(), number, line, customerId, id).update();
    }

    /**
     * True when the event was new; false for a repeat of one already kept. {@code first}: the call was opened by this
     * event a moment ago under the same lock, so there is nothing to repeat.
     */
    boolean addEvent(long callRow, CallEvent e, String agentRef, Instant received, boolean first) {
        if (!first) {
            Integer known = jdbc.sql("select count(*) from phone_call_event where call_row = ? and event = ? and at = ?")
                    .params(callRow, e.event(), SqlTime.utc(e.at())).query(Integer.class).single();
            if (known > 0) {
                return false;
            }
        }
        jdbc.sql("insert into phone_call_event (call_row, event, at, agent_ref, queue, cause, hung_up_by, recording_uri, "
                        + "recording_sha256, received_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(callRow, e.event(), SqlTime.utc(e.at()), agentRef, e.queue(), e.cause(), e.hangupBy(),
                        e.recordingUri(), e.recordingSha256(), SqlTime.utc(received)).update();
        return true;
    }

    List<StoredEvent> events(long callRow) {
        return jdbc.sql("select event, at, agent_ref, queue, cause, hung_up_by, recording_uri, recording_sha256 "
                        + "from phone_call_event where call_row = ?").param(callRow)
                .query((rs, n) -> new StoredEvent(rs.getString("event"), SqlTime.instant(rs, "at"),
                        rs.getString("agent_ref"), rs.getString("queue"), rs.getString("cause"),
                        rs.getString("hung_up_by"), rs.getString("recording_uri"), rs.getString("recording_sha256")))
                .list();
    }

    void update(long id, CallFacts f, Long agentId) {
        jdbc.sql("update phone_call set state = ?, started_at = ?, answered_at = ?, ended_at = ?, queue = ?, agent_ref = ?, "
                        + "agent_id = ?, queue_seconds = ?, ring_seconds = ?, wait_seconds = ?, talk_seconds = ?, "
                        + "hold_seconds = ?, cause = ?, hung_up_by = ?, transfers = ?, recording_uri = ?, "
                        + "recording_sha256 = ? where id = ?")
                .params(f.state(), SqlTime.utc(f.startedAt()), SqlTime.utc(f.answeredAt()), SqlTime.utc(f.endedAt()),
                        f.queue(), f.agentRef(), agentId, f.queueSeconds(), f.ringSeconds(), f.waitSeconds(),
                        f.talkSeconds(), f.holdSeconds(), f.cause(), f.hungUpBy(), f.transfers(), f.recordingUri(),
                        f.recordingSha256(), id).update();
    }

    /** True for the one caller that marks the abandoned call as announced. */
    boolean markAbandonedSent(long id) {
        return jdbc.sql("update phone_call set abandoned_sent = true where id = ? and abandoned_sent = false")
                .param(id).update() == 1;
    }

    /** Call records for the list, newest first; {@code outcome} filters (ANSWERED, ABANDONED, …) after the fact. */
    List<CallRecord> list(Instant from, Instant to, String queue, Long agentId, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from phone_call where started_at >= ? and started_at < ?");
        List<Object> params = new java.util.ArrayList<>(List.of(SqlTime.utc(from), SqlTime.utc(to)));
        if (queue != null) {
            sql.append(" and queue = ?");
            params.add(queue);
        }
        if (agentId != null) {
            sql.append(" and agent_id = ?");
            params.add(agentId);
        }
        sql.append(" order by started_at desc, id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(this::row).list().stream().map(Stored::record).toList();
    }

    /** The call of a contact: its row, its PBX, the PBX's call id and its state. */
    record OfContact(long row, long integrationId, String callId, String state) {
    }

    Optional<OfContact> ofContact(long contactId) {
        return jdbc.sql("select id, integration_id, call_id, state from phone_call where contact_id = ? order by id desc limit 1")
                .param(contactId).query((rs, n) -> new OfContact(rs.getLong("id"), rs.getLong("integration_id"),
                        rs.getString("call_id"), rs.getString("state"))).optional();
    }

    /** A command sent to the PBX about the call, with its outcome. */
    void command(long callRow, String command, String reason, String via, String status, String detail, Instant at) {
        jdbc.sql("insert into phone_call_command (call_row, command, reason, via, status, detail, requested_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(callRow, command, cut(reason), via, status, cut(detail), SqlTime.utc(at)).update();
    }

    /** The commands sent about a call, oldest first, as {@code command status via detail} rows. */
    List<java.util.Map<String, Object>> commands(long callRow) {
        return jdbc.sql("select command, reason, via, status, detail, requested_at from phone_call_command where call_row = ? "
                + "order by id").param(callRow).query().listOfRows();
    }

    private static String cut(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }

    /** A row with what the record does not show. */
    record Stored(CallRecord record, Direction direction, boolean abandonedSent) {
    }

    private Stored row(ResultSet rs, int n) throws SQLException {
        Direction direction = Direction.valueOf(rs.getString("direction"));
        String state = rs.getString("state");
        Instant answered = SqlTime.instant(rs, "answered_at");
        Instant ended = SqlTime.instant(rs, "ended_at");
        String queue = rs.getString("queue");
        String cause = rs.getString("cause");
        CallFacts facts = new CallFacts(state, null, null, answered, ended, queue, null, null, null, null, null, 0, cause,
                null, 0, null, null);
        CallRecord record = new CallRecord(rs.getLong("id"), rs.getString("call_id"), rs.getLong("contact_id"),
                direction.name(), rs.getString("number"), rs.getString("line"), rs.getObject("customer_id", Long.class),
                queue, rs.getObject("agent_id", Long.class), rs.getString("agent_ref"), state,
                SqlTime.instant(rs, "started_at"), answered, ended, rs.getObject("queue_seconds", Integer.class),
                rs.getObject("ring_seconds", Integer.class), rs.getObject("wait_seconds", Integer.class),
                rs.getObject("talk_seconds", Integer.class), rs.getInt("hold_seconds"), cause,
                rs.getString("hung_up_by"), rs.getInt("transfers"), rs.getString("recording_uri"),
                rs.getString("recording_sha256"), facts.outcome(direction));
        return new Stored(record, direction, rs.getBoolean("abandoned_sent"));
    }
}
