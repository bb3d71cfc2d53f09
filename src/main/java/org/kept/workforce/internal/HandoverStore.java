package org.kept.workforce.internal;

import static org.kept.shared.SqlTime.instant;
import static org.kept.shared.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kept.shared.KeptException;
import org.kept.shared.Masking;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** Handover sheets, their items and business notices, in plain SQL. */
@Component
public class HandoverStore {

    private final JdbcClient jdbc;

    HandoverStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long createSheet(Long teamId, long outgoingId, Long incomingId, Instant shiftEndsAt, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into wf_handover (team_id, outgoing_id, incoming_id, shift_ends_at, state, created_at) "
                        + "values (?, ?, ?, ?, 'DRAFT', ?)")
                .params(teamId, outgoingId, incomingId, utc(shiftEndsAt), utc(now)).update(keys, "id");
        return keys.getKey().longValue();
    }

    public void addItem(long sheetId, String kind, Long refId, String label, Instant dueAt) {
        addItem(sheetId, kind, refId, label, dueAt, null, null);
    }

    /** A line with its new owner already named (the incoming colleague, by default). */
    public void addItem(long sheetId, String kind, Long refId, String label, Instant dueAt, Long newOwnerId) {
        addItem(sheetId, kind, refId, label, dueAt, newOwnerId, null);
    }

    public void addItem(long sheetId, String kind, Long refId, String label, Instant dueAt, Long newOwnerId, String outcome) {
        jdbc.sql("insert into wf_handover_item (handover_id, kind, ref_id, label, due_at, new_owner_id, outcome) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(sheetId, kind, refId, Masking.cut(label, 300), utc(dueAt), newOwnerId,
                        outcome).update();
    }

    public Optional<Sheet> find(long id) {
        return jdbc.sql(SHEET + "where id = ?").param(id).query(HandoverStore::sheet).optional();
    }

    public Sheet get(long id) {
        return find(id).orElseThrow(() -> KeptException.notFound("handover", id));
    }

    public List<Item> items(long sheetId) {
        return jdbc.sql("select id, kind, ref_id, label, due_at, new_owner_id, outcome from wf_handover_item "
                        + "where handover_id = ? order by kind, due_at, id")
                .param(sheetId)
                .query((rs, n) -> new Item(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3, Long.class), rs.getString(4),
                        instant(rs, 5), (Long) rs.getObject(6, Long.class), rs.getString(7)))
                .list();
    }

    public void setOwner(long sheetId, long itemId, Long newOwner) {
        int n = jdbc.sql("update wf_handover_item set new_owner_id = ? where id = ? and handover_id = ?")
                .params(newOwner, itemId, sheetId).update();
        if (n == 0) {
            throw KeptException.notFound("handover item", itemId);
        }
    }

    public void setOutcome(long itemId, String outcome) {
        jdbc.sql("update wf_handover_item set outcome = ? where id = ?").params(outcome, itemId).update();
    }

    /** Moves a sheet on, checking its version; false when someone changed it meanwhile. */
    public boolean sign(long id, int version, String fromState, String toState, String notesColumn, String notes,
                        String signedColumn, Long incomingId, Instant at) {
        return jdbc.sql("update wf_handover set state = ?, " + notesColumn + " = ?, " + signedColumn + " = ?, "
                        + "incoming_id = coalesce(incoming_id, ?), version = version + 1 where id = ? and version = ? and state = ?")
                .params(toState, notes, utc(at), incomingId, id, version, fromState).update() == 1;
    }

    public void setIncoming(long id, Long incomingId) {
        jdbc.sql("update wf_handover set incoming_id = ?, version = version + 1 where id = ?").params(incomingId, id).update();
    }

    /**
     * Sheets a person may see: their own (either side), their team's, or all of them for planners; newest first,
     * narrowed by words in notes or item labels.
     */
    public List<Sheet> search(long userId, Long teamId, boolean all, String text, int limit) {
        StringBuilder sql = new StringBuilder(SHEET + "where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (!all) {
            sql.append(" and (outgoing_id = ? or incoming_id = ?");
            params.add(userId);
            params.add(userId);
            if (teamId != null) {
                sql.append(" or team_id = ?");
                params.add(teamId);
            }
            sql.append(")");
        }
        if (text != null && !text.isBlank()) {
            String like = "%" + text.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sql.append(" and (lower(coalesce(outgoing_notes, '')) like ? or lower(coalesce(incoming_notes, '')) like ? "
                    + "or id in (select handover_id from wf_handover_item where lower(label) like ?))");
            params.add(like);
            params.add(like);
            params.add(like);
        }
        sql.append(" order by shift_ends_at desc, id desc fetch first ").append(Math.min(limit, 200)).append(" rows only");
        return jdbc.sql(sql.toString()).params(params).query(HandoverStore::sheet).list();
    }

    /** The item labels of some sheets, by sheet. */
    public java.util.Map<Long, List<String>> labels(List<Long> sheetIds) {
        java.util.Map<Long, List<String>> out = new java.util.HashMap<>();
        if (sheetIds.isEmpty()) {
            return out;
        }
        jdbc.sql("select handover_id, label from wf_handover_item where handover_id in ("
                        + String.join(",", java.util.Collections.nCopies(sheetIds.size(), "?")) + ")")
                .params(new ArrayList<Object>(sheetIds))
                .query(rs -> {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return out;
    }

    public long addNotice(String title, String body, String kind, Long teamId, Instant effectiveAt, Instant untilAt, long by,
                          Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into wf_notice (title, body, kind, team_id, effective_at, until_at, created_by, created_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(title, body, kind, teamId, utc(effectiveAt), utc(untilAt), by, utc(now)).update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Notices for a team (or everyone) in force at some point between {@code from} and {@code to}. */
    public List<Notice> notices(Long teamId, Instant from, Instant to) {
        return jdbc.sql("select id, title, body, kind, team_id, effective_at, until_at from wf_notice "
                        + "where (team_id is null or team_id = ?) and effective_at <= ? and (until_at is null or until_at >= ?) "
                        + "order by effective_at desc fetch first 50 rows only")
                .params(teamId, utc(to), utc(from))
                .query((rs, n) -> new Notice(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        (Long) rs.getObject(5, Long.class), instant(rs, 6), instant(rs, 7)))
                .list();
    }

    private static final String SHEET = "select id, team_id, outgoing_id, incoming_id, shift_ends_at, state, outgoing_notes, "
            + "incoming_notes, outgoing_signed_at, incoming_signed_at, created_at, version from wf_handover ";

    private static Sheet sheet(ResultSet rs, int n) throws SQLException {
        return new Sheet(rs.getLong(1), (Long) rs.getObject(2, Long.class), rs.getLong(3), (Long) rs.getObject(4, Long.class),
                instant(rs, 5), rs.getString(6), rs.getString(7), rs.getString(8), instant(rs, 9), instant(rs, 10),
                instant(rs, 11), rs.getInt(12));
    }



    /** A handover sheet (交接班单). */
    public record Sheet(long id, Long teamId, long outgoingId, Long incomingId, Instant shiftEndsAt, String state,
                        String outgoingNotes, String incomingNotes, Instant outgoingSignedAt, Instant incomingSignedAt,
                        Instant createdAt, int version) {
    }

    /** One line of a sheet: a ticket, a follow-up, a commitment coming due or a business notice. */
    public record Item(long id, String kind, Long refId, String label, Instant dueAt, Long newOwnerId, String outcome) {
    }

    /** A business notice: a product going live or offline, a policy change. */
    public record Notice(long id, String title, String body, String kind, Long teamId, Instant effectiveAt, Instant untilAt) {
    }
}
