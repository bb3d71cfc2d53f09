package org.kept.routing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.kept.routing.PresenceState;
import org.kept.shared.SqlTime;
import org.kept.ticket.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The routing tables as plain SQL: presence and its log, skills, channels, queues, work items and offers. */
@Repository
class RoutingStore {

    private static final String PRESENCE = "user_id, state, reason_code, since, idle_since, acw_until, on_shift, version";
    private static final String QUEUE = "id, code, name, channel, priority, strategy, overflow_after_seconds, "
            + "overflow_queue_id, calendar_id, closed_action, night_queue_id, closed_message, offer_timeout_seconds, version";
    private static final String ITEM = "id, queue_id, channel, reference, priority, tier, submitted_at, rank_at, queue_since, "
            + "state, agent_id, offer_expires_at, assigned_at, overflowed, version";

    private final JdbcClient jdbc;
    private final RoutingChanges changes;

    RoutingStore(JdbcClient jdbc, RoutingChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    // --- presence ---

    /** Makes the agent's row (OFFLINE) when they have none; true when it was made. */
    boolean ensurePresence(long userId, Instant now) {
        changes.agent(userId);
        return jdbc.sql("insert into routing_presence (user_id, state, since, idle_since) values (?, 'OFFLINE', ?, ?) "
                + "on conflict do nothing").params(userId, SqlTime.utc(now), SqlTime.utc(now)).update() == 1;
    }

    Optional<Presence> presence(long userId) {
        return jdbc.sql("select " + PRESENCE + " from routing_presence where user_id = ?").param(userId)
                .query(RoutingStore::presence).optional();
    }

    /** The agent's row locked for this transaction: one offer or change at a time per agent, across instances. */
    Optional<Presence> lockPresence(long userId) {
        return jdbc.sql("select " + PRESENCE + " from routing_presence where user_id = ? for update").param(userId)
                .query(RoutingStore::presence).optional();
    }

    List<Presence> presences() {
        return jdbc.sql("select " + PRESENCE + " from routing_presence").query(RoutingStore::presence).list();
    }

    List<Presence> routable() {
        return jdbc.sql("select " + PRESENCE + " from routing_presence where state in ('AVAILABLE', 'ON_CONTACT')")
                .query(RoutingStore::presence).list();
    }

    List<Presence> presencesOf(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + PRESENCE + " from routing_presence where user_id in (:ids)").param("ids", userIds)
                .query(RoutingStore::presence).list();
    }

    /** The agents' rows locked for this transaction, in id order (two batches locking the same agents never deadlock). */
    List<Presence> lockPresences(Collection<Long> userIds) {
        return jdbc.sql("select " + PRESENCE + " from routing_presence where user_id in (:ids) order by user_id for update")
                .param("ids", userIds).query(RoutingStore::presence).list();
    }

    /** Compare-and-set of an agent's state; false when someone changed it since {@code seen}. */
    boolean setPresence(Presence seen, PresenceState state, String reason, Instant now, Instant idleSince, Instant acwUntil) {
        changes.agent(seen.userId());
        return jdbc.sql("update routing_presence set state = ?, reason_code = ?, since = ?, idle_since = ?, acw_until = ?, "
                        + "version = version + 1 where user_id = ? and version = ?")
                .params(state.name(), reason, SqlTime.utc(now), SqlTime.utc(idleSince), SqlTime.utc(acwUntil), seen.userId(),
                        seen.version()).update() == 1;
    }

    void setIdleSince(long userId, Instant at) {
        changes.agent(userId);
        jdbc.sql("update routing_presence set idle_since = ? where user_id = ?").params(SqlTime.utc(at), userId).update();
    }

    boolean setOnShift(Presence seen, boolean onShift) {
        changes.agent(seen.userId());
        return jdbc.sql("update routing_presence set on_shift = ?, version = version + 1 where user_id = ? and version = ?")
                .params(onShift, seen.userId(), seen.version()).update() == 1;
    }

    void log(long userId, PresenceState state, String reason, Instant at, Long byUser) {
        jdbc.sql("insert into routing_presence_log (user_id, state, reason_code, at, by_user) values (?, ?, ?, ?, ?)")
                .params(userId, state.name(), reason, SqlTime.utc(at), byUser).update();
    }

    List<PresenceChange> history(Long userId, Instant from, Instant to, int limit) {
        return jdbc.sql("select user_id, state, reason_code, at, by_user from routing_presence_log where at >= ? and at < ? "
                        + "and (cast(? as bigint) is null or user_id = ?) order by at, id limit ?")
                .params(SqlTime.utc(from), SqlTime.utc(to), userId, userId, limit)
                .query((rs, n) -> new PresenceChange(rs.getLong(1), PresenceState.valueOf(rs.getString(2)), rs.getString(3),
                        SqlTime.instant(rs, 4), (Long) rs.getObject(5, Long.class))).list();
    }

    List<Presence> acwEnded(Instant now) {
        return jdbc.sql("select " + PRESENCE + " from routing_presence where state = 'AFTER_CONTACT_WORK' and acw_until <= ?")
                .param(SqlTime.utc(now)).query(RoutingStore::presence).list();
    }

    /** A reason agents may choose: it exists and is active. */
    boolean reasonExists(String code) {
        return jdbc.sql("select count(*) from routing_reason where code = ? and active = true").param(code)
                .query(Integer.class).single() > 0;
    }

    /** Reason codes with their names, in order ([code, zh, en, "1" when active]). */
    List<String[]> reasons() {
        return jdbc.sql("select code, name_zh, name_en, active from routing_reason order by position, code")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getBoolean(4) ? "1" : "0"}).list();
    }

    private static final String REASON = "code, name_zh, name_en, position, active";

    List<ReasonCode> reasonCodes() {
        return jdbc.sql("select " + REASON + " from routing_reason order by position, code").query(RoutingStore::reason).list();
    }

    java.util.Optional<ReasonCode> reasonCode(String code) {
        return jdbc.sql("select " + REASON + " from routing_reason where code = ?").param(code).query(RoutingStore::reason)
                .optional();
    }

    void insertReason(ReasonCode r) {
        jdbc.sql("insert into routing_reason (" + REASON + ") values (?, ?, ?, ?, ?)")
                .params(r.code(), r.nameZh(), r.nameEn(), r.position(), r.active()).update();
    }

    void updateReason(ReasonCode r) {
        jdbc.sql("update routing_reason set name_zh = ?, name_en = ?, position = ?, active = ? where code = ?")
                .params(r.nameZh(), r.nameEn(), r.position(), r.active(), r.code()).update();
    }

    /** Whether someone's present state or any presence history row names the code. */
    boolean reasonReferenced(String code) {
        return jdbc.sql("select (select count(*) from routing_presence where reason_code = ?) "
                        + "+ (select count(*) from routing_presence_log where reason_code = ?)")
                .params(code, code).query(Long.class).single() > 0;
    }

    void deleteReason(String code) {
        jdbc.sql("delete from routing_reason where code = ?").param(code).update();
    }

    private static ReasonCode reason(ResultSet rs, int n) throws SQLException {
        return new ReasonCode(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBoolean(5));
    }

    private static Presence presence(ResultSet rs, int n) throws SQLException {
        return new Presence(rs.getLong(1), PresenceState.valueOf(rs.getString(2)), rs.getString(3), SqlTime.instant(rs, 4),
                SqlTime.instant(rs, 5), SqlTime.instant(rs, 6), (Boolean) rs.getObject(7, Boolean.class), rs.getInt(8));
    }

    // --- skills and channels ---

    Map<Long, Map<String, Integer>> skillsOf(Collection<Long> userIds) {
        Map<Long, Map<String, Integer>> out = new HashMap<>();
        if (userIds.isEmpty()) {
            return out;
        }
        jdbc.sql("select user_id, skill, level from routing_agent_skill where user_id in (:ids)").param("ids", userIds)
                .query((ResultSet rs) -> {
                    out.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
                });
        return out;
    }

    Map<String, Integer> skills(long userId) {
        return skillsOf(List.of(userId)).getOrDefault(userId, Map.of());
    }

    void replaceSkills(long userId, Map<String, Integer> skills) {
        changes.agent(userId);
        jdbc.sql("delete from routing_agent_skill where user_id = ?").param(userId).update();
        skills.forEach((skill, level) -> jdbc.sql("insert into routing_agent_skill (user_id, skill, level) values (?, ?, ?)")
                .params(userId, skill, level).update());
    }

    Map<Channel, ChannelRule> channels() {
        return jdbc.sql("select channel, capacity, acw_seconds, blocks from routing_channel")
                .query((rs, n) -> new ChannelRule(Channel.valueOf(rs.getString(1)), rs.getInt(2), rs.getInt(3),
                        blocks(rs.getString(4)))).list().stream()
                .collect(Collectors.toMap(ChannelRule::channel, r -> r, (a, b) -> a, () -> new java.util.EnumMap<>(Channel.class)));
    }

    void saveChannel(ChannelRule rule) {
        changes.everything();
        String blocks = rule.blocks().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        if (jdbc.sql("update routing_channel set capacity = ?, acw_seconds = ?, blocks = ? where channel = ?")
                .params(rule.capacity(), rule.acwSeconds(), blocks, rule.channel().name()).update() == 0) {
            jdbc.sql("insert into routing_channel (channel, capacity, acw_seconds, blocks) values (?, ?, ?, ?)")
                    .params(rule.channel().name(), rule.capacity(), rule.acwSeconds(), blocks).update();
        }
    }

    private static Set<Channel> blocks(String csv) {
        Set<Channel> out = EnumSet.noneOf(Channel.class);
        Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Channel::valueOf).forEach(out::add);
        return out;
    }

    Map<String, Integer> tierJumps() {
        Map<String, Integer> out = new java.util.HashMap<>();
        jdbc.sql("select tier, jump_seconds from routing_tier_boost").query((rs, n) -> out.put(rs.getString(1), rs.getInt(2)))
                .list();
        return out;
    }

    void saveTierJump(String tier, int seconds) {
        if (jdbc.sql("update routing_tier_boost set jump_seconds = ? where tier = ?").params(seconds, tier).update() == 0) {
            jdbc.sql("insert into routing_tier_boost (tier, jump_seconds) values (?, ?)").params(tier, seconds).update();
        }
    }

    int tierJump(String tier) {
        if (tier == null) {
            return 0;
        }
        return jdbc.sql("select jump_seconds from routing_tier_boost where tier = ?").param(tier).query(Integer.class)
                .optional().orElse(0);
    }

    // --- queues ---

    List<RoutingQueue> queues() {
        List<RoutingQueue> queues = jdbc.sql("select " + QUEUE + " from routing_queue order by priority desc, id")
                .query(RoutingStore::queue).list();
        Map<Long, List<RoutingQueue.Skill>> skills = new HashMap<>();
        jdbc.sql("select queue_id, skill, min_level from routing_queue_skill order by queue_id, skill").query((ResultSet rs) -> {
            skills.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new RoutingQueue.Skill(rs.getString(2), rs.getInt(3)));
        });
        return queues.stream().map(q -> q.withSkills(List.copyOf(skills.getOrDefault(q.id(), List.of())))).toList();
    }

    Optional<RoutingQueue> queue(long id) {
        return oneQueue("id = ?", id);
    }

    // a mail, chat or call submitted names its queue: one row and its skills, not every queue with every skill
    Optional<RoutingQueue> queueByCode(String code) {
        return oneQueue("code = ?", code);
    }

    private Optional<RoutingQueue> oneQueue(String where, Object key) {
        return jdbc.sql("select " + QUEUE + " from routing_queue where " + where).param(key).query(RoutingStore::queue)
                .optional().map(q -> q.withSkills(jdbc.sql("select skill, min_level from routing_queue_skill where queue_id = ? "
                        + "order by skill").param(q.id()).query((rs, n) -> new RoutingQueue.Skill(rs.getString(1), rs.getInt(2)))
                        .list()));
    }

    long insertQueue(RoutingQueue q) {
        changes.everything();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into routing_queue (code, name, channel, priority, strategy, overflow_after_seconds, overflow_queue_id, "
                        + "calendar_id, closed_action, night_queue_id, closed_message, offer_timeout_seconds) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(q.code(), q.name(), q.channel().name(), q.priority(), q.strategy().name(), q.overflowAfterSeconds(),
                        q.overflowQueueId(), q.calendarId(), q.closedAction().name(), q.nightQueueId(), q.closedMessage(),
                        q.offerTimeoutSeconds())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        replaceQueueSkills(id, q.skills());
        return id;
    }

    boolean updateQueue(RoutingQueue q) {
        changes.everything();
        int n = jdbc.sql("update routing_queue set code = ?, name = ?, channel = ?, priority = ?, strategy = ?, "
                        + "overflow_after_seconds = ?, overflow_queue_id = ?, calendar_id = ?, closed_action = ?, night_queue_id = ?, "
                        + "closed_message = ?, offer_timeout_seconds = ?, version = version + 1 where id = ? and version = ?")
                .params(q.code(), q.name(), q.channel().name(), q.priority(), q.strategy().name(), q.overflowAfterSeconds(),
                        q.overflowQueueId(), q.calendarId(), q.closedAction().name(), q.nightQueueId(), q.closedMessage(),
                        q.offerTimeoutSeconds(), q.id(), q.version())
                .update();
        if (n == 1) {
            replaceQueueSkills(q.id(), q.skills());
        }
        return n == 1;
    }

    boolean codeTaken(String code, long exceptId) {
        return jdbc.sql("select count(*) from routing_queue where code = ? and id <> ?").params(code, exceptId)
                .query(Integer.class).single() > 0;
    }

    private void replaceQueueSkills(long queueId, List<RoutingQueue.Skill> skills) {
        jdbc.sql("delete from routing_queue_skill where queue_id = ?").param(queueId).update();
        for (RoutingQueue.Skill s : skills) {
            jdbc.sql("insert into routing_queue_skill (queue_id, skill, min_level) values (?, ?, ?)")
                    .params(queueId, s.skill(), s.minLevel()).update();
        }
    }

    private static RoutingQueue queue(ResultSet rs, int n) throws SQLException {
        return new RoutingQueue(rs.getLong(1), rs.getString(2), rs.getString(3), Channel.valueOf(rs.getString(4)), rs.getInt(5),
                RoutingQueue.Strategy.valueOf(rs.getString(6)), (Integer) rs.getObject(7, Integer.class),
                (Long) rs.getObject(8, Long.class), (Long) rs.getObject(9, Long.class),
                RoutingQueue.ClosedAction.valueOf(rs.getString(10)), (Long) rs.getObject(11, Long.class), rs.getString(12),
                rs.getInt(13), rs.getInt(14), List.of());
    }

    // --- work items ---

    /** Inserts waiting work unless the reference is queued already; returns the item either way. */
    WorkItem insertItem(long queueId, Channel channel, String reference, int priority, String tier, Instant now, Instant rankAt) {
        changes.work();
        jdbc.sql("insert into routing_item (queue_id, channel, reference, priority, tier, submitted_at, rank_at, queue_since, state) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, 'WAITING') on conflict do nothing")
                .params(queueId, channel.name(), reference, priority, tier, SqlTime.utc(now), SqlTime.utc(rankAt), SqlTime.utc(now))
                .update();
        return itemByReference(channel, reference).orElseThrow();
    }

    Optional<WorkItem> item(long id) {
        return jdbc.sql("select " + ITEM + " from routing_item where id = ?").param(id).query(RoutingStore::item).optional();
    }

    Optional<WorkItem> itemByReference(Channel channel, String reference) {
        return jdbc.sql("select " + ITEM + " from routing_item where channel = ? and reference = ?")
                .params(channel.name(), reference).query(RoutingStore::item).optional();
    }

    /** The front of a queue: highest priority first, then the earliest rank (submission less the tier's bounded jump). */
    List<WorkItem> waiting(long queueId, int limit) {
        return jdbc.sql("select " + ITEM + " from routing_item where state = 'WAITING' and queue_id = ? "
                        + "order by priority desc, rank_at, id limit ?")
                .params(queueId, limit).query(RoutingStore::item).list();
    }

    /** Work offered to or held by an agent. */
    List<WorkItem> ofAgent(long agentId) {
        return jdbc.sql("select " + ITEM + " from routing_item where agent_id = ? and state in ('OFFERED', 'ASSIGNED') order by id")
                .param(agentId).query(RoutingStore::item).list();
    }

    /** Offered or held work per agent and channel, for every agent holding any. */
    Map<Long, Map<Channel, Integer>> loads() {
        Map<Long, Map<Channel, Integer>> out = new HashMap<>();
        jdbc.sql("select agent_id, channel, count(*) from routing_item where state in ('OFFERED', 'ASSIGNED') "
                + "group by agent_id, channel").query((ResultSet rs) -> {
                    out.computeIfAbsent(rs.getLong(1), k -> new java.util.EnumMap<>(Channel.class))
                            .put(Channel.valueOf(rs.getString(2)), rs.getInt(3));
                });
        return out;
    }

    /** Offered or held work per channel of the given agents (those holding none are absent). */
    Map<Long, Map<Channel, Integer>> loadsOf(Collection<Long> agentIds) {
        Map<Long, Map<Channel, Integer>> out = new HashMap<>();
        if (agentIds.isEmpty()) {
            return out;
        }
        jdbc.sql("select agent_id, channel, count(*) from routing_item where agent_id in (:ids) and state in ('OFFERED', 'ASSIGNED') "
                + "group by agent_id, channel").param("ids", agentIds).query((ResultSet rs) -> {
                    out.computeIfAbsent(rs.getLong(1), k -> new java.util.EnumMap<>(Channel.class))
                            .put(Channel.valueOf(rs.getString(2)), rs.getInt(3));
                });
        return out;
    }

    Map<Channel, Integer> loadOf(long agentId) {
        Map<Channel, Integer> out = new java.util.EnumMap<>(Channel.class);
        jdbc.sql("select channel, count(*) from routing_item where agent_id = ? and state in ('OFFERED', 'ASSIGNED') group by channel")
                .param(agentId).query((ResultSet rs) -> {
                    out.put(Channel.valueOf(rs.getString(1)), rs.getInt(2));
                });
        return out;
    }

    /** Compare-and-set WAITING to OFFERED: false when another router took it first. */
    boolean offer(WorkItem seen, long agentId, Instant expiresAt) {
        return jdbc.sql("update routing_item set state = 'OFFERED', agent_id = ?, offer_expires_at = ?, version = version + 1 "
                        + "where id = ? and state = 'WAITING' and version = ?")
                .params(agentId, SqlTime.utc(expiresAt), seen.id(), seen.version()).update() == 1;
    }

    /** Compare-and-set OFFERED (to this agent) back to WAITING. */
    boolean unoffer(long itemId, long agentId) {
        changes.agent(agentId);
        return jdbc.sql("update routing_item set state = 'WAITING', agent_id = null, offer_expires_at = null, version = version + 1 "
                + "where id = ? and state = 'OFFERED' and agent_id = ?").params(itemId, agentId).update() == 1;
    }

    boolean assign(long itemId, long agentId, Instant now) {
        changes.agent(agentId);
        return jdbc.sql("update routing_item set state = 'ASSIGNED', assigned_at = ?, offer_expires_at = null, version = version + 1 "
                + "where id = ? and state = 'OFFERED' and agent_id = ?").params(SqlTime.utc(now), itemId, agentId).update() == 1;
    }

    /** ASSIGNED to DONE, or any open state to CANCELLED; {@code agentId} is who held or was offered it (or null). */
    boolean close(long itemId, Long agentId, String fromState, String toState, Instant now) {
        if (agentId != null) {
            changes.agent(agentId);
        }
        return jdbc.sql("update routing_item set state = ?, done_at = ?, offer_expires_at = null, version = version + 1 "
                + "where id = ? and state = ?").params(toState, SqlTime.utc(now), itemId, fromState).update() == 1;
    }

    List<WorkItem> expiredOffers(Instant now, int limit) {
        return jdbc.sql("select " + ITEM + " from routing_item where state = 'OFFERED' and offer_expires_at <= ? "
                + "order by offer_expires_at limit ?").params(SqlTime.utc(now), limit).query(RoutingStore::item).list();
    }

    /**
     * Compare-and-set WAITING to OFFERED for several items in one statement: {@code offers} maps each item (as seen, with
     * its version) to its agent. Returns how many it took; fewer than asked means another router took some first.
     * The router's own index follows its offers itself, so they are not marked as changes.
     */
    int offerAll(List<Map.Entry<WorkItem, Long>> offers, Instant expiresAt) {
        StringBuilder sql = new StringBuilder("update routing_item set state = 'OFFERED', agent_id = case id");
        List<Object> params = new ArrayList<>();
        for (var o : offers) {
            sql.append(" when ? then ?");
            params.add(o.getKey().id());
            params.add(o.getValue());
        }
        sql.append(" end, offer_expires_at = ?, version = version + 1 where state = 'WAITING' and (id, version) in (");
        params.add(SqlTime.utc(expiresAt));
        for (int i = 0; i < offers.size(); i++) {
            sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
            params.add(offers.get(i).getKey().id());
            params.add(offers.get(i).getKey().version());
        }
        return jdbc.sql(sql.append(')').toString()).params(params).update();
    }

    /** Moves work that waited too long in {@code from} to {@code to}; it keeps its rank. */
    int overflow(long from, long to, Instant waitedSince, Instant now) {
        return jdbc.sql("update routing_item set queue_id = ?, queue_since = ?, overflowed = true, version = version + 1 "
                        + "where state = 'WAITING' and queue_id = ? and queue_since <= ?")
                .params(to, SqlTime.utc(now), from, SqlTime.utc(waitedSince)).update();
    }

    private static WorkItem item(ResultSet rs, int n) throws SQLException {
        return new WorkItem(rs.getLong(1), rs.getLong(2), Channel.valueOf(rs.getString(3)), rs.getString(4), rs.getInt(5),
                rs.getString(6), SqlTime.instant(rs, 7), SqlTime.instant(rs, 8), SqlTime.instant(rs, 9), rs.getString(10),
                (Long) rs.getObject(11, Long.class), SqlTime.instant(rs, 12), SqlTime.instant(rs, 13), rs.getBoolean(14),
                rs.getInt(15));
    }

    // --- offers ---

    void insertOffer(long itemId, long agentId, long queueId, Instant now) {
        jdbc.sql("insert into routing_offer (item_id, agent_id, queue_id, offered_at) values (?, ?, ?, ?)")
                .params(itemId, agentId, queueId, SqlTime.utc(now)).update();
    }

    /** One row per offer made, in one statement. */
    void insertOffers(List<Map.Entry<WorkItem, Long>> offers, long queueId, Instant now) {
        StringBuilder sql = new StringBuilder("insert into routing_offer (item_id, agent_id, queue_id, offered_at) values ");
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < offers.size(); i++) {
            sql.append(i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
            params.add(offers.get(i).getKey().id());
            params.add(offers.get(i).getValue());
            params.add(queueId);
            params.add(SqlTime.utc(now));
        }
        jdbc.sql(sql.toString()).params(params).update();
    }

    void decideOffer(long itemId, long agentId, String outcome, Instant now) {
        jdbc.sql("update routing_offer set outcome = ?, decided_at = ? where item_id = ? and agent_id = ? and outcome is null")
                .params(outcome, SqlTime.utc(now), itemId, agentId).update();
    }

    /** Per item, the agents it was offered to before (items never offered are absent). */
    Map<Long, Set<Long>> offeredTo(Collection<Long> itemIds) {
        Map<Long, Set<Long>> out = new HashMap<>();
        if (itemIds.isEmpty()) {
            return out;
        }
        jdbc.sql("select item_id, agent_id from routing_offer where item_id in (:ids)").param("ids", itemIds)
                .query((ResultSet rs) -> {
                    out.computeIfAbsent(rs.getLong(1), k -> new java.util.HashSet<>()).add(rs.getLong(2));
                });
        return out;
    }

    /** Agents this work was offered to before. */
    Set<Long> offeredTo(long itemId) {
        return jdbc.sql("select agent_id from routing_offer where item_id = ?").param(itemId).query(Long.class).set();
    }

    // --- the live view ---

    /** Per queue: waiting count and oldest submission; offered and assigned counts. */
    Map<Long, long[]> queueCounts(Map<Long, Instant> oldest) {
        Map<Long, long[]> out = new HashMap<>();
        jdbc.sql("select queue_id, state, count(*), min(submitted_at) from routing_item where state in ('WAITING', 'OFFERED', 'ASSIGNED') "
                + "group by queue_id, state").query((ResultSet rs) -> {
                    long[] c = out.computeIfAbsent(rs.getLong(1), k -> new long[3]);
                    String state = rs.getString(2);
                    int i = "WAITING".equals(state) ? 0 : "OFFERED".equals(state) ? 1 : 2;
                    c[i] = rs.getLong(3);
                    if (i == 0) {
                        oldest.put(rs.getLong(1), SqlTime.instant(rs, 4));
                    }
                });
        return out;
    }

    /** Declined and timed-out offers per queue since {@code from}. */
    Map<Long, long[]> refusedOffers(Instant from) {
        Map<Long, long[]> out = new HashMap<>();
        jdbc.sql("select queue_id, outcome, count(*) from routing_offer where outcome in ('DECLINED', 'TIMED_OUT') and decided_at >= ? "
                + "group by queue_id, outcome").param(SqlTime.utc(from)).query((ResultSet rs) -> {
                    out.computeIfAbsent(rs.getLong(1), k -> new long[2])["DECLINED".equals(rs.getString(2)) ? 0 : 1] = rs.getLong(3);
                });
        return out;
    }
}
