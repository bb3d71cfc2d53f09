package org.kept.sla.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.kept.customer.CustomerTier;
import org.kept.shared.StaleUpdateException;
import org.kept.ticket.Channel;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SLA policies in their order. A handful of rows: read whole, no cache to go stale across instances. */
@Repository
public class PolicyStore {

    private static final String COLUMNS = "id, name, position, ticket_type, category, priority, channel, team_id, "
            + "customer_tier, calendar_id, first_response_minutes, next_update_minutes, resolution_minutes, warn_percent, "
            + "expedite_percent, version";

    private final JdbcClient jdbc;
    private final Clock clock;

    PolicyStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The policies in match order. Read on every ticket change, changed rarely: held for two seconds, so another
     * instance sees an administrator's change within that time (this one at once).
     */
    public List<Policy> ordered() {
        Cached c = cached;
        long now = System.nanoTime();
        if (c == null || now - c.loadedAt > 2_000_000_000L) {
            c = new Cached(now, jdbc.sql("select " + COLUMNS + " from sla_policy order by position, id")
                    .query(PolicyStore::policy).list());
            cached = c;
        }
        return c.policies;
    }

    private record Cached(long loadedAt, List<Policy> policies) {
    }

    private volatile Cached cached;

    public Optional<Policy> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from sla_policy where id = ?").param(id).query(PolicyStore::policy).optional();
    }

    long insert(Policy p) {
        cached = null;
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into sla_policy (name, position, ticket_type, category, priority, channel, team_id, customer_tier, "
                        + "calendar_id, first_response_minutes, next_update_minutes, resolution_minutes, warn_percent, "
                        + "expedite_percent, created_at, updated_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
                .params(values(p, true)).update(key, "id");
        return key.getKey().longValue();
    }

    void update(Policy p, int expectedVersion) {
        cached = null;
        List<Object> params = new java.util.ArrayList<>(values(p, false));
        params.add(p.id());
        params.add(expectedVersion);
        int rows = jdbc.sql("update sla_policy set name = ?, position = ?, ticket_type = ?, category = ?, priority = ?, "
                        + "channel = ?, team_id = ?, customer_tier = ?, calendar_id = ?, first_response_minutes = ?, "
                        + "next_update_minutes = ?, resolution_minutes = ?, warn_percent = ?, expedite_percent = ?, "
                        + "updated_at = ?, version = version + 1 where id = ? and version = ?")
                .params(params).update();
        if (rows == 0) {
            throw new StaleUpdateException("sla-policy", p.id());
        }
    }

    void delete(long id, int expectedVersion) {
        cached = null;
        if (jdbc.sql("delete from sla_policy where id = ? and version = ?").params(id, expectedVersion).update() == 0) {
            throw new StaleUpdateException("sla-policy", id);
        }
    }

    private List<Object> values(Policy p, boolean withCreated) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        List<Object> v = new java.util.ArrayList<>(java.util.Arrays.asList(p.name(), p.position(),
                p.type() == null ? null : p.type().name(), p.category(), p.priority() == null ? null : p.priority().rank(),
                p.channel() == null ? null : p.channel().name(), p.teamId(), p.tier() == null ? null : p.tier().name(),
                p.calendarId(), p.firstResponseMinutes(), p.nextUpdateMinutes(), p.resolutionMinutes(), p.warnPercent(),
                p.expeditePercent(), now));
        if (withCreated) {
            v.add(now);
        }
        return v;
    }

    private static Policy policy(ResultSet rs, int row) throws SQLException {
        String type = rs.getString("ticket_type");
        Integer priority = rs.getObject("priority", Integer.class);
        String channel = rs.getString("channel");
        String tier = rs.getString("customer_tier");
        return new Policy(rs.getLong("id"), rs.getString("name"), rs.getInt("position"),
                type == null ? null : TicketType.valueOf(type), rs.getString("category"),
                priority == null ? null : Priority.ofRank(priority), channel == null ? null : Channel.valueOf(channel),
                rs.getObject("team_id", Long.class), tier == null ? null : CustomerTier.valueOf(tier),
                rs.getObject("calendar_id", Long.class), rs.getInt("first_response_minutes"),
                rs.getObject("next_update_minutes", Integer.class), rs.getInt("resolution_minutes"),
                rs.getInt("warn_percent"), rs.getInt("expedite_percent"), rs.getInt("version"));
    }
}
