package org.kept.relay.internal;

import static org.kept.shared.SqlTime.instant;
import static org.kept.shared.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** SQL for counterparties, bindings, their calls and restrictions (the relay module's tables only). */
@Component
class RelayStore {

    private final JdbcClient jdbc;

    RelayStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- counterparties

    long addCounterparty(long ticketId, String role, String accountRef, String name, String phone, long by, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into relay_counterparty (ticket_id, role, account_ref, display_name, phone, created_by, created_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(ticketId, role, accountRef, name, phone, by, utc(now)).update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Counterparty> counterpartyByRef(long ticketId, String accountRef) {
        return jdbc.sql("select * from relay_counterparty where ticket_id = ? and account_ref = ?")
                .params(ticketId, accountRef).query(RelayStore::counterparty).optional();
    }

    Optional<Counterparty> counterparty(long id) {
        return jdbc.sql("select * from relay_counterparty where id = ?").param(id).query(RelayStore::counterparty).optional();
    }

    List<Counterparty> counterparties(long ticketId) {
        return jdbc.sql("select * from relay_counterparty where ticket_id = ? order by id").param(ticketId)
                .query(RelayStore::counterparty).list();
    }

    void rememberPhone(long counterpartyId, String phone) {
        jdbc.sql("update relay_counterparty set phone = ? where id = ? and phone is null").params(phone, counterpartyId).update();
    }

    // --- bindings

    long insertBinding(Binding b) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into relay_binding (ticket_id, counterparty_id, caller, provider, pool_key, phone_a, phone_b, "
                        + "secret_no, subs_id, recording, state, expires_at, created_by, created_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'BOUND', ?, ?, ?)")
                .params(b.ticketId(), b.counterpartyId(), b.caller(), b.provider(), b.poolKey(), b.phoneA(), b.phoneB(),
                        b.secretNo(), b.subsId(), b.recording(), utc(b.expiresAt()), b.createdBy(), utc(b.createdAt()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Binding> binding(long id) {
        return jdbc.sql("select * from relay_binding where id = ?").param(id).query(RelayStore::binding).optional();
    }

    /** The live binding of this counterparty for this caller, if one has not expired yet. */
    Optional<Binding> liveBinding(long counterpartyId, String caller, Instant now) {
        return jdbc.sql("select * from relay_binding where counterparty_id = ? and caller = ? and state = 'BOUND' "
                        + "and expires_at > ? order by id desc limit 1")
                .params(counterpartyId, caller, utc(now)).query(RelayStore::binding).optional();
    }

    Optional<Binding> bindingBySubs(String provider, String subsId) {
        return jdbc.sql("select * from relay_binding where provider = ? and subs_id = ? order by id desc limit 1")
                .params(provider, subsId).query(RelayStore::binding).optional();
    }

    List<Binding> bindings(long ticketId) {
        return jdbc.sql("select * from relay_binding where ticket_id = ? order by id desc").param(ticketId)
                .query(RelayStore::binding).list();
    }

    /** Marks the ticket's live bindings for release; the provider is told afterwards, outside the ticket's transaction. */
    int markReleasing(long ticketId, String reason) {
        return jdbc.sql("update relay_binding set state = 'RELEASING', release_reason = ? where ticket_id = ? and state = 'BOUND'")
                .params(reason, ticketId).update();
    }

    /** Bindings to release now: marked, or past their expiry. */
    List<Binding> releaseDue(Instant now, int limit) {
        return jdbc.sql("select * from relay_binding where state = 'RELEASING' or (state = 'BOUND' and expires_at <= ?) "
                        + "order by id limit ?")
                .params(utc(now), limit).query(RelayStore::binding).list();
    }

    /** Released, once: false when another instance or request did it first. */
    boolean released(long id, String reason, Instant now) {
        return jdbc.sql("update relay_binding set state = 'RELEASED', release_reason = ?, released_at = ? "
                        + "where id = ? and state <> 'RELEASED'")
                .params(reason, utc(now), id).update() == 1;
    }

    // --- calls

    /** Stores a reported call; false when the provider had sent it before (its call id is already here). */
    Optional<Long> insertCall(Binding b, NumberProvider.CallReport r, Instant now) {
        if (jdbc.sql("select count(*) from relay_call where provider = ? and call_id = ?").params(b.provider(), r.callId())
                .query(Long.class).single() > 0) {
            return Optional.empty();
        }
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("insert into relay_call (binding_id, ticket_id, provider, call_id, direction, started_at, answered_at, "
                            + "ended_at, release_cause, record_url, received_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(b.id(), b.ticketId(), b.provider(), r.callId(), r.direction(), utc(r.started()),
                            utc(r.answered()), utc(r.ended()), cut(r.releaseCause(), 60), cut(r.recordUrl(), 1000), utc(now))
                    .update(keys, "id");
        } catch (DuplicateKeyException raced) {
            return Optional.empty();
        }
        return Optional.of(keys.getKey().longValue());
    }

    List<RelayCall> calls(long ticketId) {
        return jdbc.sql("select * from relay_call where ticket_id = ? order by id desc").param(ticketId)
                .query((rs, i) -> new RelayCall(rs.getLong("id"), rs.getLong("binding_id"), rs.getLong("ticket_id"),
                        rs.getString("provider"), rs.getString("call_id"), rs.getString("direction"),
                        instant(rs, "started_at"), instant(rs, "answered_at"), instant(rs, "ended_at"),
                        rs.getString("release_cause"), rs.getString("record_url"))).list();
    }

    // --- restrictions

    boolean serious(String priority) {
        return jdbc.sql("select count(*) from relay_serious_priority where priority = ?").param(priority)
                .query(Long.class).single() > 0;
    }

    List<String> seriousPriorities() {
        return jdbc.sql("select priority from relay_serious_priority order by priority").query(String.class).list();
    }

    /** Adds the row; false when it was there already. */
    boolean addSerious(String priority) {
        if (serious(priority)) {
            return false;
        }
        try {
            return jdbc.sql("insert into relay_serious_priority (priority) values (?)").param(priority).update() == 1;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }

    /** Removes the row; false when it was not there. */
    boolean removeSerious(String priority) {
        return jdbc.sql("delete from relay_serious_priority where priority = ?").param(priority).update() == 1;
    }

    long insertRestriction(long ticketId, long counterpartyId, String reason, String platformRef, Instant until, long by,
                           Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into relay_restriction (ticket_id, counterparty_id, reason, platform_ref, state, until_at, created_by, "
                        + "created_at) values (?, ?, ?, ?, 'ACTIVE', ?, ?, ?)")
                .params(ticketId, counterpartyId, reason, platformRef, utc(until), by, utc(now)).update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Restriction> restriction(long id) {
        return jdbc.sql("select * from relay_restriction where id = ?").param(id).query(RelayStore::restriction).optional();
    }

    Optional<Restriction> activeRestriction(long counterpartyId) {
        return jdbc.sql("select * from relay_restriction where counterparty_id = ? and state = 'ACTIVE' order by id desc limit 1")
                .param(counterpartyId).query(RelayStore::restriction).optional();
    }

    List<Restriction> restrictions(long ticketId) {
        return jdbc.sql("select * from relay_restriction where ticket_id = ? order by id desc").param(ticketId)
                .query(RelayStore::restriction).list();
    }

    int markLifting(long ticketId, String reason) {
        return jdbc.sql("update relay_restriction set state = 'LIFTING', lift_reason = ? where ticket_id = ? and state = 'ACTIVE'")
                .params(reason, ticketId).update();
    }

    List<Restriction> liftDue(Instant now, int limit) {
        return jdbc.sql("select * from relay_restriction where state = 'LIFTING' or (state = 'ACTIVE' and until_at <= ?) "
                        + "order by id limit ?")
                .params(utc(now), limit).query(RelayStore::restriction).list();
    }

    boolean lifted(long id, String reason, String note, Long by, Instant now) {
        return jdbc.sql("update relay_restriction set state = 'LIFTED', lift_reason = ?, lift_note = ?, lifted_by = ?, "
                        + "lifted_at = ? where id = ? and state <> 'LIFTED'")
                .params(reason, note, by, utc(now), id).update() == 1;
    }

    // --- rows

    private static Counterparty counterparty(ResultSet rs, int i) throws SQLException {
        return new Counterparty(rs.getLong("id"), rs.getLong("ticket_id"), rs.getString("role"), rs.getString("account_ref"),
                rs.getString("display_name"), rs.getString("phone"), instant(rs, "created_at"));
    }

    private static Binding binding(ResultSet rs, int i) throws SQLException {
        return new Binding(rs.getLong("id"), rs.getLong("ticket_id"), rs.getLong("counterparty_id"), rs.getString("caller"),
                rs.getString("provider"), rs.getString("pool_key"), rs.getString("phone_a"), rs.getString("phone_b"),
                rs.getString("secret_no"), rs.getString("subs_id"), rs.getBoolean("recording"), rs.getString("state"),
                instant(rs, "expires_at"), rs.getLong("created_by"), instant(rs, "created_at"),
                rs.getString("release_reason"), instant(rs, "released_at"));
    }

    private static Restriction restriction(ResultSet rs, int i) throws SQLException {
        return new Restriction(rs.getLong("id"), rs.getLong("ticket_id"), rs.getLong("counterparty_id"), rs.getString("reason"),
                rs.getString("platform_ref"), rs.getString("state"), instant(rs, "until_at"), rs.getLong("created_by"),
                instant(rs, "created_at"), rs.getString("lift_reason"), rs.getString("lift_note"), instant(rs, "lifted_at"));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
