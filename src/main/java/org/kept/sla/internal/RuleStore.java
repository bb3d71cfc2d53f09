package org.kept.sla.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kept.customer.CustomerTier;
import org.kept.shared.StaleUpdateException;
import org.kept.ticket.Priority;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Escalation rules (sla_escalation_rule, their keywords) and tiers (sla_escalation_tier). A handful of rows read on
 * every ticket change: held for two seconds, so another instance sees an administrator's change within that time.
 */
@Repository
class RuleStore {

    private static final String RULE_COLUMNS = "id, name, position, enabled, priority, min_contacts, category, "
            + "customer_tier, tier_level, version";

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Cached cached;

    RuleStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private record Cached(long loadedAt, List<EscalationRule> rules, EscalationTiers tiers) {
    }

    private Cached cached() {
        Cached c = cached;
        long now = System.nanoTime();
        if (c == null || now - c.loadedAt > 2_000_000_000L) {
            c = new Cached(now, load(null), loadTiers());
            cached = c;
        }
        return c;
    }

    /** The rules in match order. */
    List<EscalationRule> ordered() {
        return cached().rules;
    }

    EscalationTiers tiers() {
        return cached().tiers;
    }

    /** The rules as stored now, for checking a change against them. */
    List<EscalationRule> fresh() {
        return load(null);
    }

    Optional<EscalationRule> find(long id) {
        return load(id).stream().findFirst();
    }

    long insert(EscalationRule r) {
        cached = null;
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        List<Object> values = new ArrayList<>(values(r));
        values.add(now);
        values.add(now);
        jdbc.sql("insert into sla_escalation_rule (name, position, enabled, priority, min_contacts, category, customer_tier, "
                        + "tier_level, updated_at, created_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
                .params(values).update(key, "id");
        long id = key.getKey().longValue();
        insertKeywords(id, r.keywords());
        return id;
    }

    void update(EscalationRule r, int expectedVersion) {
        cached = null;
        List<Object> values = new ArrayList<>(values(r));
        values.addAll(List.of(clock.instant().atOffset(ZoneOffset.UTC), r.id(), expectedVersion));
        int rows = jdbc.sql("update sla_escalation_rule set name = ?, position = ?, enabled = ?, priority = ?, "
                        + "min_contacts = ?, category = ?, customer_tier = ?, tier_level = ?, updated_at = ?, "
                        + "version = version + 1 where id = ? and version = ?")
                .params(values).update();
        if (rows == 0) {
            throw new StaleUpdateException("escalation-rule", r.id());
        }
        jdbc.sql("delete from sla_escalation_keyword where rule_id = ?").param(r.id()).update();
        insertKeywords(r.id(), r.keywords());
    }

    void delete(long id, int expectedVersion) {
        cached = null;
        if (jdbc.sql("delete from sla_escalation_rule where id = ? and version = ?").params(id, expectedVersion).update() == 0) {
            throw new StaleUpdateException("escalation-rule", id);
        }
    }

    /**
     * Replaces the ladder if it is still at {@code expectedVersion}. The delete takes every row's lock: a concurrent
     * replacement either went first (this one then deletes fewer rows than it saw, and is stale) or waits for it.
     */
    void replaceTiers(List<EscalationTier> tiers, int expectedVersion) {
        cached = null;
        int had = jdbc.sql("select count(*) from sla_escalation_tier").query(Integer.class).single();
        int deleted = jdbc.sql("delete from sla_escalation_tier where version = ?").param(expectedVersion).update();
        if (deleted != had || deleted == 0) {
            throw new StaleUpdateException("escalation-tiers", 0);
        }
        for (EscalationTier t : tiers) {
            jdbc.sql("insert into sla_escalation_tier (level, name_zh, name_en, holder, team_id, version) values (?, ?, ?, ?, ?, ?)")
                    .params(t.level(), t.nameZh(), t.nameEn(), t.holder().name(), t.teamId(), expectedVersion + 1).update();
        }
    }

    private void insertKeywords(long ruleId, List<String> keywords) {
        if (keywords == null) {
            return;
        }
        for (int i = 0; i < keywords.size(); i++) {
            jdbc.sql("insert into sla_escalation_keyword (rule_id, ordinal, keyword) values (?, ?, ?)")
                    .params(ruleId, i + 1, keywords.get(i)).update();
        }
    }

    private static List<Object> values(EscalationRule r) {
        return Arrays.asList(r.name(), r.position(), r.enabled(), r.priority() == null ? null : r.priority().rank(),
                r.minContacts(), r.category(), r.customerTier() == null ? null : r.customerTier().name(), r.tier());
    }

    /** All rules in order, or the one with this id. */
    private List<EscalationRule> load(Long id) {
        Map<Long, List<String>> keywords = new HashMap<>();
        String where = id == null ? "" : " where rule_id = " + id;
        jdbc.sql("select rule_id, keyword from sla_escalation_keyword" + where + " order by rule_id, ordinal")
                .query((ResultSet rs) -> {
                    keywords.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return jdbc.sql("select " + RULE_COLUMNS + " from sla_escalation_rule" + (id == null ? "" : " where id = " + id)
                        + " order by position, id")
                .query((rs, row) -> rule(rs, keywords.get(rs.getLong("id")))).list();
    }

    private static EscalationRule rule(ResultSet rs, List<String> keywords) throws SQLException {
        Integer priority = rs.getObject("priority", Integer.class);
        String tier = rs.getString("customer_tier");
        return new EscalationRule(rs.getLong("id"), rs.getString("name"), rs.getInt("position"), rs.getBoolean("enabled"),
                EscalationRule.conditions(keywords, priority == null ? null : Priority.ofRank(priority),
                        rs.getObject("min_contacts", Integer.class), rs.getString("category"),
                        tier == null ? null : CustomerTier.valueOf(tier)),
                rs.getInt("tier_level"), rs.getInt("version"));
    }

    private EscalationTiers loadTiers() {
        List<Integer> versions = new ArrayList<>();
        List<EscalationTier> tiers = jdbc.sql("select level, name_zh, name_en, holder, team_id, version from sla_escalation_tier "
                        + "order by level")
                .query((rs, row) -> {
                    versions.add(rs.getInt("version"));
                    return new EscalationTier(rs.getInt("level"), rs.getString("name_zh"), rs.getString("name_en"),
                            EscalationTier.Holder.valueOf(rs.getString("holder")), rs.getObject("team_id", Long.class));
                }).list();
        return new EscalationTiers(tiers, versions.stream().mapToInt(Integer::intValue).max().orElse(0));
    }
}
