package org.kept.sla.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** sla_clock, sla_pause and sla_event as plain SQL; due work is a range scan on the next_at index. */
@Repository
class ClockStore {

    private static final String COLUMNS = "c.ticket_id, policy_id, baseline_policy_id, started_at, first_response_at, "
            + "update_anchor_at, paused_since, pause_reason, paused_minutes, resolution_cut, expedites, last_expedite_at, "
            + "escalation_level, rule_pending, first_response_due, next_update_due, resolution_due, escalation_at, next_at, "
            + "x.ticket_id as cut_row, x.first_response_cut, x.update_cut";
    /** The clock and, for a ticket ever expedited, the minutes taken off its first-response and next-update targets. */
    private static final String CLOCKS = "sla_clock c left join sla_clock_cut x on x.ticket_id = c.ticket_id";

    private final JdbcClient jdbc;

    ClockStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<TicketClock> find(long ticketId) {
        return jdbc.sql("select " + COLUMNS + " from " + CLOCKS + " where c.ticket_id = ?").param(ticketId)
                .query(ClockStore::clock).optional();
    }

    List<TicketClock> findAll(Collection<Long> ticketIds) {
        if (ticketIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from " + CLOCKS + " where c.ticket_id in ("
                        + ticketIds.stream().map(id -> "?").collect(Collectors.joining(",")) + ")")
                .params(List.copyOf(ticketIds)).query(ClockStore::clock).list();
    }

    void insert(long ticketId, Instant startedAt) {
        jdbc.sql("insert into sla_clock (ticket_id, started_at) values (?, ?)").params(ticketId, ts(startedAt)).update();
    }

    /** A clock just started, stored with its deadlines in one statement (no cuts, pauses or actions yet). */
    void insertStarted(TicketClock c) {
        jdbc.sql("insert into sla_clock (ticket_id, started_at, policy_id, baseline_policy_id, first_response_at, "
                        + "update_anchor_at, paused_since, pause_reason, escalation_level, rule_pending, first_response_due, "
                        + "next_update_due, resolution_due, escalation_at, next_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.ticketId, ts(c.startedAt), c.policyId, c.baselinePolicyId, ts(c.firstResponseAt),
                        ts(c.updateAnchorAt), ts(c.pausedSince), c.pauseReason, c.escalationLevel, c.rulePending,
                        ts(c.firstResponseDue), ts(c.nextUpdateDue), ts(c.resolutionDue), ts(c.escalationAt), ts(c.nextAt))
                .update();
    }

    void save(TicketClock c) {
        jdbc.sql("update sla_clock set policy_id = ?, baseline_policy_id = ?, first_response_at = ?, update_anchor_at = ?, "
                        + "paused_since = ?, pause_reason = ?, paused_minutes = ?, resolution_cut = ?, expedites = ?, "
                        + "last_expedite_at = ?, escalation_level = ?, rule_pending = ?, first_response_due = ?, "
                        + "next_update_due = ?, resolution_due = ?, escalation_at = ?, next_at = ? where ticket_id = ?")
                .params(c.policyId, c.baselinePolicyId, ts(c.firstResponseAt), ts(c.updateAnchorAt), ts(c.pausedSince),
                        c.pauseReason, c.pausedMinutes, c.resolutionCut, c.expedites, ts(c.lastExpediteAt),
                        c.escalationLevel, c.rulePending, ts(c.firstResponseDue), ts(c.nextUpdateDue), ts(c.resolutionDue),
                        ts(c.escalationAt), ts(c.nextAt), c.ticketId)
                .update();
        saveCuts(c);
    }

    /** Only tickets ever expedited have a row: the rest pay nothing for it. */
    private void saveCuts(TicketClock c) {
        if (c.hasCutRow) {
            jdbc.sql("update sla_clock_cut set first_response_cut = ?, update_cut = ? where ticket_id = ?")
                    .params(c.firstResponseCut, c.updateCut, c.ticketId).update();
        } else if (c.firstResponseCut != 0 || c.updateCut != 0) {
            jdbc.sql("insert into sla_clock_cut (ticket_id, first_response_cut, update_cut) values (?, ?, ?)")
                    .params(c.ticketId, c.firstResponseCut, c.updateCut).update();
            c.hasCutRow = true;
        }
    }

    List<DeadlineMath.Pause> pauses(long ticketId) {
        return jdbc.sql("select paused_from, paused_to from sla_pause where ticket_id = ? order by paused_from, id")
                .param(ticketId)
                .query((rs, i) -> new DeadlineMath.Pause(instant(rs, 1), instant(rs, 2))).list();
    }

    void addPause(long ticketId, String reason, Instant from, Instant to) {
        jdbc.sql("insert into sla_pause (ticket_id, reason, paused_from, paused_to) values (?, ?, ?, ?)")
                .params(ticketId, reason, ts(from), ts(to)).update();
    }

    Set<String> events(long ticketId) {
        return jdbc.sql("select clock, kind, deadline from sla_event where ticket_id = ?").param(ticketId)
                .query((rs, i) -> key(rs.getString(1), rs.getString(2), instant(rs, 3))).stream().collect(Collectors.toSet());
    }

    static String key(String clock, String kind, Instant deadline) {
        return clock + "/" + kind + "/" + deadline.toEpochMilli();
    }

    /**
     * Records that this action is taken, before taking it. False when it was taken already: on PostgreSQL a second
     * instance inserting the same row waits for the first to commit and then inserts nothing.
     */
    boolean claimEvent(long ticketId, String clock, String kind, Instant deadline, Instant now) {
        return jdbc.sql("insert into sla_event (ticket_id, clock, kind, deadline, acted_at) values (?, ?, ?, ?, ?) "
                        + "on conflict do nothing")
                .params(ticketId, clock, kind, ts(deadline), ts(now)).update() == 1;
    }

    /** Tickets whose next action is due, earliest first: the front of the next_at index, however many clocks run. */
    List<Due> due(Instant now, int limit, Collection<Long> onlyTickets) {
        String only = onlyTickets == null ? "" : onlyTickets.isEmpty() ? " and 1 = 0"
                : " and ticket_id in (" + onlyTickets.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")";
        return jdbc.sql("select ticket_id, next_at from sla_clock where next_at <= ?" + only + " order by next_at limit ?")
                .params(ts(now), limit)
                .query((rs, i) -> new Due(rs.getLong(1), rs.getObject(2, OffsetDateTime.class))).list();
    }

    /** Compare-and-set: only the instance that still sees the old next_at takes the ticket, and leases it. */
    boolean lease(Due due, Instant until) {
        return jdbc.sql("update sla_clock set next_at = ? where ticket_id = ? and next_at = ?")
                .params(ts(until), due.ticketId(), due.nextAt()).update() == 1;
    }

    /** Clears a rule escalation only once, whoever gets there first. */
    boolean takeRule(long ticketId, String rule) {
        return jdbc.sql("update sla_clock set rule_pending = null where ticket_id = ? and rule_pending = ?")
                .params(ticketId, rule).update() == 1;
    }

    List<Long> ticketsWithoutClock(int limit) {
        return jdbc.sql("select t.id from ticket t where t.state in ('NEW', 'OPEN', 'PENDING_CUSTOMER', 'PENDING_INTERNAL') "
                        + "and not exists (select 1 from sla_clock c where c.ticket_id = t.id) order by t.id limit ?")
                .param(limit).query(Long.class).list();
    }

    record Due(long ticketId, OffsetDateTime nextAt) {
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static TicketClock clock(ResultSet rs, int row) throws SQLException {
        TicketClock c = new TicketClock();
        c.ticketId = rs.getLong("ticket_id");
        c.policyId = rs.getObject("policy_id", Long.class);
        c.baselinePolicyId = rs.getObject("baseline_policy_id", Long.class);
        c.startedAt = instant(rs, "started_at");
        c.firstResponseAt = instant(rs, "first_response_at");
        c.updateAnchorAt = instant(rs, "update_anchor_at");
        c.pausedSince = instant(rs, "paused_since");
        c.pauseReason = rs.getString("pause_reason");
        c.pausedMinutes = rs.getLong("paused_minutes");
        c.resolutionCut = rs.getLong("resolution_cut");
        c.hasCutRow = rs.getObject("cut_row") != null;
        c.firstResponseCut = rs.getLong("first_response_cut");
        c.updateCut = rs.getLong("update_cut");
        c.expedites = rs.getInt("expedites");
        c.lastExpediteAt = instant(rs, "last_expedite_at");
        c.escalationLevel = rs.getInt("escalation_level");
        c.rulePending = rs.getString("rule_pending");
        c.firstResponseDue = instant(rs, "first_response_due");
        c.nextUpdateDue = instant(rs, "next_update_due");
        c.resolutionDue = instant(rs, "resolution_due");
        c.escalationAt = instant(rs, "escalation_at");
        c.nextAt = instant(rs, "next_at");
        return c;
    }
}
