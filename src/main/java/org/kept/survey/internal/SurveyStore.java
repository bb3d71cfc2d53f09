package org.kept.survey.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.kept.shared.Masking;
import org.kept.shared.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The only class that reads and writes the survey tables. */
@Repository
public class SurveyStore {

    private static final String COLUMNS = "id, ticket_id, customer_id, team_id, agent_id, category, channel, address, "
            + "state, resolved_at, send_at, sent_at, expires_at, answer, answered_at";

    private final JdbcClient jdbc;

    SurveyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A survey as stored. */
    public record Survey(long id, long ticketId, long customerId, Long teamId, Long agentId, String category,
                         String channel, String address, String state, Instant resolvedAt, Instant sendAt,
                         Instant sentAt, Instant expiresAt, Integer answer, Instant answeredAt) {
    }

    /**
     * Schedules the ticket's survey, or moves a survey still waiting (the ticket was reopened and resolved again) to
     * the new send time; a survey already sent or answered stays as it is: one per ticket.
     */
    void schedule(long ticketId, long customerId, Long teamId, Long agentId, String category, Instant resolvedAt,
                  Instant sendAt) {
        int moved = jdbc.sql("update survey set send_at = ?, resolved_at = ?, team_id = ?, agent_id = ?, category = ? "
                        + "where ticket_id = ? and state = 'SCHEDULED'")
                .params(SqlTime.utc(sendAt), SqlTime.utc(resolvedAt), teamId, agentId, category, ticketId).update();
        if (moved == 0) {
            jdbc.sql("insert into survey (ticket_id, customer_id, team_id, agent_id, category, state, resolved_at, send_at, "
                            + "created_at) values (?, ?, ?, ?, ?, 'SCHEDULED', ?, ?, ?) on conflict do nothing")
                    .params(ticketId, customerId, teamId, agentId, category, SqlTime.utc(resolvedAt), SqlTime.utc(sendAt),
                            SqlTime.utc(resolvedAt)).update();
        }
    }

    /** A reopened ticket's survey waits until it is resolved again. */
    void hold(long ticketId) {
        jdbc.sql("update survey set send_at = null where ticket_id = ? and state = 'SCHEDULED'").param(ticketId).update();
    }

    List<Long> due(Instant now, Collection<Long> onlyTickets, int limit) {
        String only = onlyTickets == null ? "" : onlyTickets.isEmpty() ? " and 1 = 0" : " and ticket_id in (:tickets)";
        JdbcClient.StatementSpec sql = jdbc.sql("select id from survey where state = 'SCHEDULED' and send_at <= :now"
                        + only + " order by send_at limit :limit")
                .param("now", SqlTime.utc(now)).param("limit", limit);
        if (onlyTickets != null && !onlyTickets.isEmpty()) {
            sql = sql.param("tickets", onlyTickets);
        }
        return sql.query(Long.class).list();
    }

    Optional<Survey> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from survey where id = ?").param(id).query(SurveyStore::survey).optional();
    }

    public Optional<Survey> ofTicket(long ticketId) {
        return jdbc.sql("select " + COLUMNS + " from survey where ticket_id = ?").param(ticketId)
                .query(SurveyStore::survey).optional();
    }

    public Optional<Survey> byTokenHash(String hash) {
        return jdbc.sql("select " + COLUMNS + " from survey where token_hash = ?").param(hash)
                .query(SurveyStore::survey).optional();
    }

    /** The latest survey sent by SMS to this number that can still be answered. */
    Optional<Survey> latestOpenSms(String address, Instant at) {
        return jdbc.sql("select " + COLUMNS + " from survey where address = ? and state = 'SENT' and channel = 'SMS' "
                        + "and expires_at > ? order by sent_at desc, id desc limit 1")
                .params(address, SqlTime.utc(at)).query(SurveyStore::survey).optional();
    }

    /** Whether the customer was sent a survey at or after {@code since} (the cap). */
    boolean sentSince(long customerId, Instant since) {
        return jdbc.sql("select count(*) from survey where customer_id = ? and sent_at >= ?")
                .params(customerId, SqlTime.utc(since)).query(Long.class).single() > 0;
    }

    /** Marks a scheduled survey sent; false when another instance or an earlier pass took it. */
    boolean markSent(long id, String channel, String address, String tokenHash, Instant at, Instant expiresAt) {
        return jdbc.sql("update survey set state = 'SENT', channel = ?, address = ?, token_hash = ?, sent_at = ?, "
                        + "expires_at = ? where id = ? and state = 'SCHEDULED'")
                .params(channel, address, tokenHash, SqlTime.utc(at), SqlTime.utc(expiresAt), id).update() == 1;
    }

    void contact(long id, long contactId) {
        jdbc.sql("update survey set contact_id = ? where id = ?").params(contactId, id).update();
    }

    boolean markSkipped(long id, String reason) {
        return jdbc.sql("update survey set state = 'SKIPPED', skip_reason = ? where id = ? and state = 'SCHEDULED'")
                .params(reason, id).update() == 1;
    }

    /** The first answer is final: a second reply, or one after expiry, changes nothing. */
    boolean markAnswered(long id, int answer, Instant at) {
        return jdbc.sql("update survey set state = 'ANSWERED', answer = ?, answered_at = ? where id = ? and state = 'SENT' "
                        + "and expires_at > ?")
                .params(answer, SqlTime.utc(at), id, SqlTime.utc(at)).update() == 1;
    }

    int expire(Instant now) {
        return jdbc.sql("update survey set state = 'EXPIRED' where state = 'SENT' and expires_at <= ?")
                .param(SqlTime.utc(now)).update();
    }

    void signal(long surveyId, Signal kind, String detail, Instant at) {
        jdbc.sql("insert into survey_signal (survey_id, kind, detail, created_at) values (?, ?, ?, ?) on conflict do nothing")
                .params(surveyId, kind.name(), detail == null ? null : Masking.cut(detail, 200), SqlTime.utc(at)).update();
    }

    public List<Signal> signals(long surveyId) {
        return jdbc.sql("select kind from survey_signal where survey_id = ? order by kind").param(surveyId)
                .query((rs, n) -> Signal.valueOf(rs.getString(1))).list();
    }

    /** How many other customers' surveys went to this address since then (a number many customers share is staff's). */
    long otherCustomersAt(String address, long customerId, Instant since) {
        return jdbc.sql("select count(distinct customer_id) from survey where address = ? and customer_id <> ? "
                        + "and sent_at >= ?")
                .params(address, customerId, SqlTime.utc(since)).query(Long.class).single();
    }

    /** A survey on this ticket answered "satisfied" (1 or 2) at or after {@code since}. */
    Optional<Long> satisfiedSince(long ticketId, Instant since) {
        return jdbc.sql("select id from survey where ticket_id = ? and state = 'ANSWERED' and answer in (1, 2) "
                        + "and answered_at >= ?")
                .params(ticketId, SqlTime.utc(since)).query(Long.class).optional();
    }

    void staffAddress(String address, long userId, Instant at) {
        int updated = jdbc.sql("update survey_staff_address set last_at = ? where address = ? and user_id = ?")
                .params(SqlTime.utc(at), address, userId).update();
        if (updated == 0) {
            jdbc.sql("insert into survey_staff_address (address, user_id, last_at) values (?, ?, ?) on conflict do nothing")
                    .params(address, userId, SqlTime.utc(at)).update();
        }
    }

    /** Staff who signed in from this address at or after {@code since}. */
    List<Long> staffAt(String address, Instant since) {
        return jdbc.sql("select user_id from survey_staff_address where address = ? and last_at >= ? order by user_id")
                .params(address, SqlTime.utc(since)).query(Long.class).list();
    }

    void contactChanged(long customerId, Instant at) {
        jdbc.sql("insert into survey_contact_change (customer_id, changed_at) values (?, ?)")
                .params(customerId, SqlTime.utc(at)).update();
    }

    boolean contactChangedSince(long customerId, Instant since) {
        return jdbc.sql("select count(*) from survey_contact_change where customer_id = ? and changed_at >= ?")
                .params(customerId, SqlTime.utc(since)).query(Long.class).single() > 0;
    }

    /** Surveys of tickets resolved from {@code from} up to {@code to} (excluded) that were sent, with their answers and signals, for the results. */
    public List<Outcome> outcomes(Instant from, Instant to) {
        java.util.Map<Long, List<Signal>> signals = new java.util.HashMap<>();
        jdbc.sql("select g.survey_id, g.kind from survey_signal g join survey s on s.id = g.survey_id "
                        + "where s.resolved_at >= ? and s.resolved_at < ? order by g.survey_id, g.kind")
                .params(SqlTime.utc(from), SqlTime.utc(to))
                .query((rs, n) -> signals.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>())
                        .add(Signal.valueOf(rs.getString(2)))).list();
        return jdbc.sql("select id, ticket_id, team_id, agent_id, category, state, answer, answered_at from survey "
                        + "where resolved_at >= ? and resolved_at < ? and state in ('SENT', 'ANSWERED', 'EXPIRED') "
                        + "order by resolved_at, id")
                .params(SqlTime.utc(from), SqlTime.utc(to))
                .query((rs, n) -> new Outcome(rs.getLong(1), rs.getLong(2), rs.getObject(3, Long.class),
                        rs.getObject(4, Long.class), rs.getString(5), rs.getString(6),
                        rs.getObject(7, Integer.class), SqlTime.instant(rs, 8),
                        signals.getOrDefault(rs.getLong(1), List.of())))
                .list();
    }

    /** A sent survey as the results see it; {@code answer} only once it is final (ANSWERED). */
    public record Outcome(long surveyId, long ticketId, Long teamId, Long agentId, String category, String state,
                          Integer answer, Instant answeredAt, List<Signal> signals) {
    }

    private static Survey survey(ResultSet rs, int n) throws SQLException {
        return new Survey(rs.getLong("id"), rs.getLong("ticket_id"), rs.getLong("customer_id"),
                rs.getObject("team_id", Long.class), rs.getObject("agent_id", Long.class), rs.getString("category"),
                rs.getString("channel"), rs.getString("address"), rs.getString("state"),
                SqlTime.instant(rs, "resolved_at"), SqlTime.instant(rs, "send_at"), SqlTime.instant(rs, "sent_at"),
                SqlTime.instant(rs, "expires_at"), rs.getObject("answer", Integer.class),
                SqlTime.instant(rs, "answered_at"));
    }

    boolean ofTicketExists(long ticketId) {
        return jdbc.sql("select count(*) from survey where ticket_id = ?").param(ticketId).query(Long.class).single() > 0;
    }

    /**
     * Past answered surveys in one JDBC batch: ticket, customer, team, agent, category, channel, resolved, send, sent,
     * expires, answer, answered, created.
     */
    void insertAnswered(org.springframework.jdbc.core.JdbcTemplate batch, List<Object[]> rows) {
        batch.batchUpdate("insert into survey (ticket_id, customer_id, team_id, agent_id, category, channel, state, "
                + "resolved_at, send_at, sent_at, expires_at, answer, answered_at, created_at) "
                + "values (?, ?, ?, ?, ?, ?, 'ANSWERED', ?, ?, ?, ?, ?, ?, ?)", rows);
    }
}
