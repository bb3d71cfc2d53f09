package org.kept.protection.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.kept.protection.Restrictions;
import org.kept.protection.internal.Records.Appeal;
import org.kept.protection.internal.Records.Flag;
import org.kept.protection.internal.Records.Level;
import org.kept.protection.internal.Records.Restriction;
import org.kept.protection.internal.Records.Settings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The protection module's SQL: levels, actions, settings, flags, restrictions, evidence, appeals, agents. */
@Repository
class ProtectionStore {

    private final JdbcClient jdbc;

    ProtectionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    List<Level> levels() {
        return jdbc.sql("select code, rank, name_zh, name_en, allows_warn, allows_end, allows_restrict, allows_reject "
                        + "from protection_level order by rank")
                .query((rs, i) -> new Level(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8))).list();
    }

    Map<String, Integer> maxDays() {
        return jdbc.sql("select code, max_days from protection_action").query((rs, i) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    Settings settings() {
        return jdbc.sql("select recovery_minutes, daily_alert_threshold, warning_script_code, harassment_queue, "
                        + "automatic_message, review_days from protection_setting where id = 1")
                .query((rs, i) -> new Settings(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6))).single();
    }

    /** The keyed hash's key, made once (the first instance to get here wins; the others read its key). */
    String hashKey(String fresh) {
        jdbc.sql("update protection_setting set hash_key = ? where id = 1 and hash_key is null").param(fresh).update();
        return jdbc.sql("select hash_key from protection_setting where id = 1").query(String.class).single();
    }

    // ----- flags

    private static Flag flag(ResultSet rs, int i) throws SQLException {
        return new Flag(rs.getLong("id"), rs.getLong("contact_id"), rs.getString("level_code"), rs.getString("channel"),
                nullableLong(rs, "customer_id"), nullableLong(rs, "ticket_id"), rs.getLong("agent_id"), rs.getString("note"),
                instant(rs, "warned_at"), rs.getString("warning_script"), instant(rs, "ended_at"), rs.getString("end_reason"),
                instant(rs, "created_at"));
    }

    private static final String FLAG = "select id, contact_id, level_code, channel, customer_id, ticket_id, agent_id, note, "
            + "warned_at, warning_script, ended_at, end_reason, created_at from contact_flag ";

    long insertFlag(long contactId, String level, String channel, Long customerId, Long ticketId, long agentId, String note,
                    Instant at) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into contact_flag (contact_id, level_code, channel, customer_id, ticket_id, agent_id, note, created_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(contactId, level, channel, customerId, ticketId, agentId, note, utc(at)).update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Flag> flag(long id) {
        return jdbc.sql(FLAG + "where id = ?").param(id).query(ProtectionStore::flag).optional();
    }

    List<Flag> flags(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(FLAG + "where id in (:ids) order by created_at").param("ids", ids).query(ProtectionStore::flag).list();
    }

    List<Flag> flagsOfAgent(long agentId, int limit) {
        return jdbc.sql(FLAG + "where agent_id = ? order by created_at desc, id desc").param(agentId)
                .query(ProtectionStore::flag).list().stream().limit(limit).toList();
    }

    List<Flag> flagsBetween(Instant from, Instant to) {
        return jdbc.sql(FLAG + "where created_at >= ? and created_at < ? order by created_at").params(utc(from), utc(to))
                .query(ProtectionStore::flag).list();
    }

    void warned(long id, String script, Instant at) {
        jdbc.sql("update contact_flag set warned_at = ?, warning_script = ? where id = ?").params(utc(at), script, id).update();
    }

    void ended(long id, String reason, Instant at) {
        jdbc.sql("update contact_flag set ended_at = ?, end_reason = ? where id = ?").params(utc(at), reason, id).update();
    }

    long flaggedBetween(long agentId, Instant from, Instant to) {
        return jdbc.sql("select count(*) from contact_flag where agent_id = ? and created_at >= ? and created_at < ?")
                .params(agentId, utc(from), utc(to)).query(Long.class).single();
    }

    /** Agents with at least {@code threshold} flagged contacts in the period, and how many. */
    Map<Long, Long> agentsAtLeast(Instant from, Instant to, int threshold) {
        return jdbc.sql("select agent_id, count(*) from contact_flag where created_at >= ? and created_at < ? "
                        + "group by agent_id having count(*) >= ?")
                .params(utc(from), utc(to), threshold).query((rs, i) -> Map.entry(rs.getLong(1), rs.getLong(2))).list()
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    // ----- agents

    private void ensureAgent(long userId) {
        jdbc.sql("insert into agent_protection (user_id, written_only) values (?, false) on conflict do nothing")
                .param(userId).update();
    }

    void recoverUntil(long userId, Instant until) {
        ensureAgent(userId);
        jdbc.sql("update agent_protection set recovery_until = ? where user_id = ? and (recovery_until is null or recovery_until < ?)")
                .params(utc(until), userId, utc(until)).update();
    }

    Optional<Instant> recoveryUntil(long userId) {
        return jdbc.sql("select recovery_until from agent_protection where user_id = ?").param(userId)
                .query((rs, i) -> Optional.ofNullable(instant(rs, "recovery_until"))).optional().flatMap(o -> o);
    }

    boolean writtenOnly(long userId) {
        return jdbc.sql("select written_only from agent_protection where user_id = ?").param(userId).query(Boolean.class)
                .optional().orElse(false);
    }

    void writtenOnly(long userId, boolean on, long by, Instant at) {
        ensureAgent(userId);
        jdbc.sql("update agent_protection set written_only = ?, written_only_by = ?, written_only_at = ? where user_id = ?")
                .params(on, by, utc(at), userId).update();
    }

    /** Marks the agent alerted for the day; false when someone already did (the leads are told once a day). */
    boolean alertOnce(long userId, LocalDate day) {
        ensureAgent(userId);
        return jdbc.sql("update agent_protection set alerted_on = ? where user_id = ? and (alerted_on is null or alerted_on <> ?)")
                .params(day, userId, day).update() == 1;
    }

    // ----- restrictions

    private static Restriction restriction(ResultSet rs, int i) throws SQLException {
        return new Restriction(rs.getLong("id"), Restrictions.IdentityKind.valueOf(rs.getString("identity_kind")),
                rs.getString("identity_hash"), rs.getString("identity_masked"), nullableLong(rs, "customer_id"),
                Restrictions.Action.valueOf(rs.getString("action_code")), rs.getString("reason"), rs.getString("state"),
                rs.getLong("requested_by"), instant(rs, "requested_at"), nullableLong(rs, "approved_by"),
                instant(rs, "decided_at"), rs.getString("decision_note"), instant(rs, "expires_at"),
                instant(rs, "review_at"), rs.getLong("hit_count"), instant(rs, "last_hit_at"), rs.getInt("version"));
    }

    private static final String RESTRICTION = "select id, identity_kind, identity_hash, identity_masked, customer_id, action_code, "
            + "reason, state, requested_by, requested_at, approved_by, decided_at, decision_note, expires_at, review_at, "
            + "hit_count, last_hit_at, version from caller_restriction ";

    long insertRestriction(Restrictions.IdentityKind kind, String hash, String masked, Long customerId,
                           Restrictions.Action action, String reason, long requestedBy, Instant at, Instant expiresAt,
                           Instant reviewAt, String appealTokenHash, Collection<Long> flagIds) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into caller_restriction (identity_kind, identity_hash, identity_masked, customer_id, action_code, reason, "
                        + "state, requested_by, requested_at, expires_at, review_at, appeal_token_hash) "
                        + "values (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?)")
                .params(kind.name(), hash, masked, customerId, action.name(), reason, requestedBy, utc(at), utc(expiresAt),
                        utc(reviewAt), appealTokenHash)
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (long flag : flagIds) {
            jdbc.sql("insert into restriction_evidence (restriction_id, flag_id) values (?, ?)").params(id, flag).update();
        }
        return id;
    }

    void setAppealToken(long id, String tokenHash) {
        jdbc.sql("update caller_restriction set appeal_token_hash = ? where id = ?").params(tokenHash, id).update();
    }

    Optional<Restriction> restriction(long id) {
        return jdbc.sql(RESTRICTION + "where id = ?").param(id).query(ProtectionStore::restriction).optional();
    }

    Optional<Restriction> restrictionByToken(String tokenHash) {
        return jdbc.sql(RESTRICTION + "where appeal_token_hash = ?").param(tokenHash).query(ProtectionStore::restriction).optional();
    }

    List<Restriction> restrictions(int limit) {
        return jdbc.sql(RESTRICTION + "order by requested_at desc, id desc").query(ProtectionStore::restriction).list()
                .stream().limit(limit).toList();
    }

    List<Restriction> restrictionsOfCustomer(long customerId) {
        return jdbc.sql(RESTRICTION + "where customer_id = ? order by requested_at desc").param(customerId)
                .query(ProtectionStore::restriction).list();
    }

    List<Restriction> activeFor(String hash, Instant at) {
        return jdbc.sql(RESTRICTION + "where identity_hash = ? and state = 'ACTIVE' and expires_at > ?")
                .params(hash, utc(at)).query(ProtectionStore::restriction).list();
    }

    List<Long> evidence(long restrictionId) {
        return jdbc.sql("select flag_id from restriction_evidence where restriction_id = ? order by flag_id")
                .param(restrictionId).query(Long.class).list();
    }

    /** Moves a restriction from {@code from} to {@code to}; false when it was no longer in {@code from}. */
    boolean decide(long id, String from, String to, Long approvedBy, String note, Instant at) {
        return jdbc.sql("update caller_restriction set state = ?, approved_by = coalesce(?, approved_by), decided_at = ?, "
                        + "decision_note = ?, version = version + 1 where id = ? and state = ?")
                .params(to, approvedBy, utc(at), note, id, from).update() == 1;
    }

    void hit(long id, Instant at) {
        jdbc.sql("update caller_restriction set hit_count = hit_count + 1, last_hit_at = ? where id = ?").params(utc(at), id).update();
    }

    // ----- appeals

    private static Appeal appeal(ResultSet rs, int i) throws SQLException {
        return new Appeal(rs.getLong("id"), rs.getLong("restriction_id"), nullableLong(rs, "customer_id"), rs.getString("text"),
                rs.getString("state"), nullableLong(rs, "decided_by"), rs.getString("decision_note"),
                instant(rs, "created_at"), instant(rs, "decided_at"));
    }

    private static final String APPEAL = "select id, restriction_id, customer_id, text, state, decided_by, decision_note, "
            + "created_at, decided_at from restriction_appeal ";

    long insertAppeal(long restrictionId, Long customerId, String text, Instant at) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into restriction_appeal (restriction_id, customer_id, text, state, created_at) values (?, ?, ?, 'OPEN', ?)")
                .params(restrictionId, customerId, text, utc(at)).update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Appeal> appeal(long id) {
        return jdbc.sql(APPEAL + "where id = ?").param(id).query(ProtectionStore::appeal).optional();
    }

    List<Appeal> appeals(boolean openOnly, int limit) {
        return jdbc.sql(APPEAL + (openOnly ? "where state = 'OPEN' " : "") + "order by created_at desc, id desc")
                .query(ProtectionStore::appeal).list().stream().limit(limit).toList();
    }

    List<Appeal> appealsOf(long restrictionId) {
        return jdbc.sql(APPEAL + "where restriction_id = ? order by created_at").param(restrictionId)
                .query(ProtectionStore::appeal).list();
    }

    boolean decideAppeal(long id, String state, long by, String note, Instant at) {
        return jdbc.sql("update restriction_appeal set state = ?, decided_by = ?, decision_note = ?, decided_at = ? "
                        + "where id = ? and state = 'OPEN'")
                .params(state, by, note, utc(at), id).update() == 1;
    }
}
