package org.kept.sla.internal;

import org.kept.shared.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.kept.sla.PauseReason;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The only reader and writer of sla_clock, sla_clock_cut, sla_pause and sla_event; due work is a range scan on the next_at index. */
@Repository
class ClockStore {

    private static final String COLUMNS = "c.ticket_id, policy_id, baseline_policy_id, started_at, first_response_at, "
            + "update_anchor_at, paused_since, pause_reason, paused_minutes, resolution_cut, expedites, last_expedite_at, "
            + "escalation_level, rule_pending_id, rule_pending_level, rule_pending_reason, first_response_due, next_update_due, resolution_due, escalation_at, next_at, "
            + "c.team_id, x.ticket_id as cut_row, x.first_response_cut, x.update_cut";
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
        jdbc.sql("insert into sla_clock (ticket_id, started_at) values (?, ?)").params(ticketId, SqlTime.utc(startedAt)).update();
    }

    /** Writes the clock: a clock just started is inserted with its deadlines in one statement (no cuts, pauses or actions yet). */
    void save(TicketClock clock) {
        TicketClock.Stored c = clock.stored();
        if (clock.unsaved()) {
            jdbc.sql("insert into sla_clock (ticket_id, started_at, policy_id, baseline_policy_id, first_response_at, "
                            + "update_anchor_at, paused_since, pause_reason, escalation_level, rule_pending_id, "
                            + "rule_pending_level, rule_pending_reason, first_response_due, next_update_due, resolution_due, "
                            + "escalation_at, next_at, team_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(c.ticketId(), SqlTime.utc(c.startedAt()), c.policyId(), c.baselinePolicyId(), SqlTime.utc(c.firstResponseAt()),
                            SqlTime.utc(c.updateAnchorAt()), SqlTime.utc(c.pausedSince()), c.pauseReason() == null ? null : c.pauseReason().name(),
                            c.escalationLevel(), c.rulePending() == null ? null : c.rulePending().ruleId(),
                            c.rulePending() == null ? null : c.rulePending().level(),
                            c.rulePending() == null ? null : c.rulePending().reason(), SqlTime.utc(c.firstResponseDue()),
                            SqlTime.utc(c.nextUpdateDue()), SqlTime.utc(c.resolutionDue()), SqlTime.utc(c.escalationAt()), SqlTime.utc(c.nextAt()), c.teamId())
                    .update();
            clock.inserted();
            return;
        }
        jdbc.sql("update sla_clock set policy_id = ?, baseline_policy_id = ?, first_response_at = ?, update_anchor_at = ?, "
                        + "paused_since = ?, pause_reason = ?, paused_minutes = ?, resolution_cut = ?, expedites = ?, "
                        + "last_expedite_at = ?, escalation_level = ?, rule_pending_id = ?, rule_pending_level = ?, "
                        + "rule_pending_reason = ?, first_response_due = ?, "
                        + "next_update_due = ?, resolution_due = ?, escalation_at = ?, next_at = ?, team_id = ? where ticket_id = ?")
                .params(c.policyId(), c.baselinePolicyId(), SqlTime.utc(c.firstResponseAt()), SqlTime.utc(c.updateAnchorAt()),
                        SqlTime.utc(c.pausedSince()), c.pauseReason() == null ? null : c.pauseReason().name(), c.pausedMinutes(),
                        c.resolutionCut(), c.expedites(), SqlTime.utc(c.lastExpediteAt()), c.escalationLevel(),
                        c.rulePending() == null ? null : c.rulePending().ruleId(),
                        c.rulePending() == null ? null : c.rulePending().level(),
                        c.rulePending() == null ? null : c.rulePending().reason(),
                        SqlTime.utc(c.firstResponseDue()), SqlTime.utc(c.nextUpdateDue()), SqlTime.utc(c.resolutionDue()), SqlTime.utc(c.escalationAt()),
                        SqlTime.utc(c.nextAt()), c.teamId(), c.ticketId())
                .update();
        saveCuts(clock, c);
    }

    /** Only tickets ever expedited have a row: the rest pay nothing for it. */
    private void saveCuts(TicketClock clock, TicketClock.Stored c) {
        if (c.cutRow()) {
            jdbc.sql("update sla_clock_cut set first_response_cut = ?, update_cut = ? where ticket_id = ?")
                    .params(c.firstResponseCut(), c.updateCut(), c.ticketId()).update();
        } else if (c.firstResponseCut() != 0 || c.updateCut() != 0) {
            jdbc.sql("insert into sla_clock_cut (ticket_id, first_response_cut, update_cut) values (?, ?, ?)")
                    .params(c.ticketId(), c.firstResponseCut(), c.updateCut()).update();
            clock.cutRowStored();
        }
    }

    List<DeadlineMath.Pause> pauses(long ticketId) {
        return jdbc.sql("select paused_from, paused_to from sla_pause where ticket_id = ? order by paused_from, id")
                .param(ticketId)
                .query((rs, i) -> new DeadlineMath.Pause(SqlTime.instant(rs, 1), SqlTime.instant(rs, 2))).list();
    }

    void addPause(long ticketId, TicketClock.Resumed pause) {
        jdbc.sql("insert into sla_pause (ticket_id, reason, paused_from, paused_to) values (?, ?, ?, ?)")
                .params(ticketId, pause.reason().name(), SqlTime.utc(pause.from()), SqlTime.utc(pause.to())).update();
    }

    Set<String> events(long ticketId) {
        return jdbc.sql("select clock, kind, deadline from sla_event where ticket_id = ?").param(ticketId)
                .query((rs, i) -> key(rs.getString(1), rs.getString(2), SqlTime.instant(rs, 3))).set();
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
                .params(ticketId, clock, kind, SqlTime.utc(deadline), SqlTime.utc(now)).update() == 1;
    }

    /** Tickets whose next action is due, earliest first: the front of the next_at index, however many clocks run. */
    List<Due> due(Instant now, int limit, Collection<Long> onlyTickets) {
        String only = onlyTickets == null ? "" : onlyTickets.isEmpty() ? " and 1 = 0"
                : " and ticket_id in (" + onlyTickets.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")";
        return jdbc.sql("select ticket_id, next_at from sla_clock where next_at <= ?" + only + " order by next_at limit ?")
                .params(SqlTime.utc(now), limit)
                .query((rs, i) -> new Due(rs.getLong(1), rs.getObject(2, OffsetDateTime.class))).list();
    }

    /** Compare-and-set: only the instance that still sees the old next_at takes the ticket, and leases it. */
    boolean lease(Due due, Instant until) {
        return jdbc.sql("update sla_clock set next_at = ? where ticket_id = ? and next_at = ?")
                .params(SqlTime.utc(until), due.ticketId(), due.nextAt()).update() == 1;
    }

    /** Clears a rule escalation only once, whoever gets there first. */
    /**
     * The ticket is now at this tier; a pending rule it satisfies is done ({@link TicketClock#escalatedTo} in one
     * statement, for a clock nobody holds in memory).
     */
    void escalatedTo(long ticketId, int level) {
        jdbc.sql("update sla_clock set escalation_level = ?, "
                        + "rule_pending_id = case when rule_pending_level <= ? then null else rule_pending_id end, "
                        + "rule_pending_reason = case when rule_pending_level <= ? then null else rule_pending_reason end, "
                        + "rule_pending_level = case when rule_pending_level <= ? then null else rule_pending_level end "
                        + "where ticket_id = ?")
                .params(level, level, level, level, ticketId).update();
    }

    boolean takeRule(long ticketId, PendingRule rule) {
        return jdbc.sql("update sla_clock set rule_pending_id = null, rule_pending_level = null, rule_pending_reason = null "
                        + "where ticket_id = ? and rule_pending_level = ? and rule_pending_reason = ?")
                .params(ticketId, rule.level(), rule.reason()).update() == 1;
    }

    /** Which of these tickets have a clock. */
    Set<Long> withClock(Collection<Long> ticketIds) {
        if (ticketIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select ticket_id from sla_clock where ticket_id in ("
                        + ticketIds.stream().map(id -> "?").collect(Collectors.joining(",")) + ")")
                .params(List.copyOf(ticketIds)).query(Long.class).list());
    }

    /** A line of the escalation board, as this table knows it. */
    record Running(long ticketId, Instant escalationAt, int escalationLevel, Instant waitingSince, int expedites) {
    }

    /** Running clocks by the deadline that breaches next, along the (team, escalation_at) or escalation_at index. */
    List<Running> nextToBreach(Long teamId, int limit) {
        List<Object> params = new java.util.ArrayList<>();
        String team = "";
        if (teamId != null) {
            team = " and team_id = ?";
            params.add(teamId);
        }
        params.add(limit);
        return jdbc.sql("select ticket_id, escalation_at, escalation_level, coalesce(update_anchor_at, started_at), expedites "
                        + "from sla_clock where escalation_at is not null" + team + " order by escalation_at, ticket_id limit ?")
                .params(params)
                .query((rs, i) -> new Running(rs.getLong(1), SqlTime.instant(rs, 2), rs.getInt(3), SqlTime.instant(rs, 4), rs.getInt(5)))
                .list();
    }

    record Due(long ticketId, OffsetDateTime nextAt) {
    }




    private static TicketClock clock(ResultSet rs, int row) throws SQLException {
        String reason = rs.getString("pause_reason");
        return TicketClock.restore(new TicketClock.Stored(rs.getLong("ticket_id"), rs.getObject("policy_id", Long.class),
                rs.getObject("baseline_policy_id", Long.class), SqlTime.instant(rs, "started_at"), SqlTime.instant(rs, "first_response_at"),
                SqlTime.instant(rs, "update_anchor_at"), SqlTime.instant(rs, "paused_since"),
                reason == null ? null : PauseReason.valueOf(reason), rs.getLong("paused_minutes"),
                rs.getLong("resolution_cut"), rs.getLong("first_response_cut"), rs.getLong("update_cut"),
                rs.getObject("cut_row") != null, rs.getInt("expedites"), SqlTime.instant(rs, "last_expedite_at"),
                rs.getInt("escalation_level"), pending(rs), SqlTime.instant(rs, "first_response_due"),
                SqlTime.instant(rs, "next_update_due"), SqlTime.instant(rs, "resolution_due"), SqlTime.instant(rs, "escalation_at"),
                SqlTime.instant(rs, "next_at"), rs.getObject("team_id", Long.class)));
    }

    private static PendingRule pending(ResultSet rs) throws SQLException {
        Integer level = rs.getObject("rule_pending_level", Integer.class);
        return level == null ? null
                : new PendingRule(rs.getObject("rule_pending_id", Long.class), level, rs.getString("rule_pending_reason"));
    }
}
