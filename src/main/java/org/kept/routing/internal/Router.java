package org.kept.routing.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kept.contact.Push;
import org.kept.ticket.Channel;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The automatic call distributor for written work. One pass: offers that ran out go back to their queue, work that
 * waited past its queue's overflow moves on, then queues (highest priority first) offer their front to the best agents
 * who have the skills and free capacity. The agents come from this instance's {@link AgentIndex} (kept between passes),
 * and each queue reads only as much of its front as there are free slots for it. The offers of one queue are made in
 * batches, one short transaction each: lock the chosen agents' presence rows, recount their loads, drop what no longer
 * fits, take the items by one compare-and-set, write the offer rows in one statement. So two instances on one database
 * never offer one item twice nor an agent more than their capacity; when another router took an item first, the batch
 * is rolled back and its offers made one at a time.
 */
@Service
public class Router {

    /** The push event that shows an offer on the agent's console. */
    public static final String OFFER_EVENT = "routing-offer";

    static final int BATCH = 500;

    /** Offers per transaction: short enough that agents' rows are not held long. */
    static final int CHUNK = 100;

    private final RoutingStore store;
    private final AgentIndex index;
    private final Push push;
    private final Clock clock;
    private final TransactionTemplate tx;

    Router(RoutingStore store, AgentIndex index, Push push, Clock clock, PlatformTransactionManager txManager) {
        this.store = store;
        this.index = index;
        this.push = push;
        this.clock = clock;
        this.tx = new TransactionTemplate(txManager);
    }

    /** What one pass did. */
    public record Pass(int expired, int overflowed, int offered) {
    }

    public Pass runOnce() {
        return runOnce(clock.instant());
    }

    public Pass runOnce(Instant now) {
        int expired = expire(now);
        AgentIndex.Snapshot snapshot = index.snapshot();
        int overflowed = 0;
        for (RoutingQueue q : snapshot.queues()) {
            if (q.overflowAfterSeconds() != null && q.overflowQueueId() != null && q.overflowQueueId() != q.id()) {
                long to = q.overflowQueueId();
                Instant since = now.minusSeconds(q.overflowAfterSeconds());
                Integer n = tx.execute(s -> store.overflow(q.id(), to, since, now));
                overflowed += n == null ? 0 : n;
            }
        }
        return new Pass(expired, overflowed, offer(snapshot, now));
    }

    /** Offers that were neither accepted nor declined in time go back to waiting (TIMED_OUT). */
    int expire(Instant now) {
        int n = 0;
        for (WorkItem w : store.expiredOffers(now, BATCH)) {
            Boolean done = tx.execute(s -> {
                if (store.unoffer(w.id(), w.agentId())) {
                    store.decideOffer(w.id(), w.agentId(), "TIMED_OUT", now);
                    return true;
                }
                return false;
            });
            n += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return n;
    }

    /** An agent as the pass sees them: state, when they were last idle, skills and what they hold per channel. */
    static final class Agent {
        final long id;
        final Instant idleSince;
        final Map<String, Integer> skills;
        Map<Channel, Integer> load;
        boolean gone;

        Agent(long id, Instant idleSince, Map<String, Integer> skills, Map<Channel, Integer> load) {
            this.id = id;
            this.idleSince = idleSince;
            this.skills = skills;
            this.load = load;
        }

        Agent copy() {
            return new Agent(id, idleSince, skills, new HashMap<>(load));
        }

        boolean qualifies(RoutingQueue q) {
            for (RoutingQueue.Skill s : q.skills()) {
                Integer level = skills.get(s.skill());
                if (level == null || level < s.minLevel()) {
                    return false;
                }
            }
            return true;
        }

        boolean hasRoom(Channel channel, Map<Channel, ChannelRule> rules) {
            return !gone && Router.hasRoom(load, channel, rules);
        }

        /** How many more items of {@code channel} fit now (0 when anything held blocks it). */
        int room(Channel channel, Map<Channel, ChannelRule> rules) {
            if (!hasRoom(channel, rules)) {
                return 0;
            }
            ChannelRule rule = rules.get(channel);
            return (rule == null ? 1 : rule.capacity()) - load.getOrDefault(channel, 0);
        }

        /** Occupancy: the sum over channels of held work over the channel's capacity. */
        double occupancy(Map<Channel, ChannelRule> rules) {
            double o = 0;
            for (var e : load.entrySet()) {
                ChannelRule r = rules.get(e.getKey());
                o += e.getValue() / (double) (r == null ? 1 : r.capacity());
            }
            return o;
        }
    }

    /** Whether work of {@code channel} fits: below its capacity, and nothing held blocks it. */
    static boolean hasRoom(Map<Channel, Integer> load, Channel channel, Map<Channel, ChannelRule> rules) {
        ChannelRule rule = rules.get(channel);
        int capacity = rule == null ? 1 : rule.capacity();
        if (load.getOrDefault(channel, 0) >= capacity) {
            return false;
        }
        for (var e : load.entrySet()) {
            if (e.getValue() > 0 && e.getKey() != channel) {
                ChannelRule held = rules.get(e.getKey());
                if (held != null && held.blocks().contains(channel)) {
                    return false;
                }
            }
        }
        return true;
    }

    private int offer(AgentIndex.Snapshot snapshot, Instant now) {
        Map<Channel, ChannelRule> rules = snapshot.rules();
        if (snapshot.agents().isEmpty()) {
            return 0;
        }
        int offered = 0;
        for (RoutingQueue q : snapshot.queues()) {
            List<Agent> candidates = new ArrayList<>();
            int slots = 0;
            for (Agent a : snapshot.agents().values()) {
                if (a.qualifies(q)) {
                    candidates.add(a);
                    slots += a.room(q.channel(), rules);
                }
            }
            if (slots == 0) {
                continue;
            }
            // only the front that can be placed: as many items as there are free slots (a queue holds one channel)
            List<WorkItem> front = store.waiting(q.id(), Math.min(slots, BATCH));
            Map<Long, Set<Long>> before = store.offeredTo(front.stream().filter(w -> w.version() > 0).map(WorkItem::id).toList());
            Comparator<Agent> order = order(q.strategy(), rules);
            List<Map.Entry<WorkItem, Agent>> plan = new ArrayList<>();
            for (WorkItem item : front) {
                Set<Long> offeredBefore = before.getOrDefault(item.id(), Set.of());
                Agent best = null;
                Agent bestFresh = null;
                for (Agent a : candidates) {
                    if (!a.hasRoom(item.channel(), rules)) {
                        continue;
                    }
                    if (best == null || order.compare(a, best) < 0) {
                        best = a;
                    }
                    if (!offeredBefore.contains(a.id) && (bestFresh == null || order.compare(a, bestFresh) < 0)) {
                        bestFresh = a;
                    }
                }
                if (best == null) {
                    break;
                }
                Agent chosen = bestFresh != null ? bestFresh : best;
                chosen.load.merge(item.channel(), 1, Integer::sum);
                plan.add(Map.entry(item, chosen));
            }
            for (int from = 0; from < plan.size(); from += CHUNK) {
                offered += offerBatch(plan.subList(from, Math.min(plan.size(), from + CHUNK)), q, rules, now);
            }
        }
        return offered;
    }

    static Comparator<Agent> order(RoutingQueue.Strategy strategy, Map<Channel, ChannelRule> rules) {
        Comparator<Agent> idle = Comparator.comparing((Agent a) -> a.idleSince).thenComparingLong(a -> a.id);
        return strategy == RoutingQueue.Strategy.LEAST_OCCUPIED
                ? Comparator.comparingDouble((Agent a) -> a.occupancy(rules)).thenComparing(idle)
                : idle;
    }

    /** Thrown to roll a batch back when another router took one of its items first. */
    private static final class Raced extends RuntimeException {
        Raced() {
            super(null, null, false, false);
        }
    }

    /**
     * Makes the planned offers of one queue in one transaction. The agents' rows are locked and their loads recounted:
     * an offer that no longer fits (the agent changed state or took work elsewhere) is left out and its item stays
     * waiting for the next pass. Returns the offers made.
     */
    private int offerBatch(List<Map.Entry<WorkItem, Agent>> plan, RoutingQueue q, Map<Channel, ChannelRule> rules, Instant now) {
        Instant expires = now.plusSeconds(q.offerTimeoutSeconds());
        Set<Long> agentIds = new TreeSet<>();
        plan.forEach(p -> agentIds.add(p.getValue().id));
        Map<Long, Map<Channel, Integer>> fresh = new HashMap<>();
        Set<Long> routable = new HashSet<>();
        try {
            Integer made = tx.execute(s -> {
                fresh.clear();
                routable.clear();
                for (Presence p : store.lockPresences(agentIds)) {
                    if (p.state().routable()) {
                        routable.add(p.userId());
                    }
                }
                Map<Long, Map<Channel, Integer>> loads = store.loadsOf(routable);
                for (long id : agentIds) {
                    fresh.put(id, new HashMap<>(loads.getOrDefault(id, Map.of())));
                }
                List<Map.Entry<WorkItem, Long>> fits = new ArrayList<>();
                for (var p : plan) {
                    long agent = p.getValue().id;
                    Map<Channel, Integer> load = fresh.get(agent);
                    if (routable.contains(agent) && hasRoom(load, p.getKey().channel(), rules)) {
                        load.merge(p.getKey().channel(), 1, Integer::sum);
                        fits.add(Map.entry(p.getKey(), agent));
                    }
                }
                if (fits.isEmpty()) {
                    return 0;
                }
                if (store.offerAll(fits, expires) != fits.size()) {
                    throw new Raced();
                }
                store.insertOffers(fits, q.id(), now);
                for (var f : fits) {
                    push.toUser(f.getValue(), OFFER_EVENT, offerJson(f.getKey(), q, expires));
                }
                return fits.size();
            });
            fresh.forEach((id, load) -> index.patch(id, routable.contains(id), load));
            return made == null ? 0 : made;
        } catch (Raced e) {
            int made = 0;
            for (var p : plan) {
                if (tryOffer(p.getKey(), p.getValue(), q, rules, now) == Offer.MADE) {
                    made++;
                }
            }
            return made;
        }
    }

    enum Offer {
        MADE, AGENT_FULL, ITEM_GONE
    }

    /** One offer on its own, after a batch lost a race: lock the agent, recount, compare-and-set the item. */
    private Offer tryOffer(WorkItem item, Agent agent, RoutingQueue q, Map<Channel, ChannelRule> rules, Instant now) {
        Offer result = tx.execute(s -> {
            Presence p = store.lockPresence(agent.id).orElse(null);
            if (p == null || !p.state().routable()) {
                index.patch(agent.id, false, Map.of());
                return Offer.AGENT_FULL;
            }
            Map<Channel, Integer> load = new HashMap<>(store.loadOf(agent.id));
            if (!hasRoom(load, item.channel(), rules)) {
                index.patch(agent.id, true, load);
                return Offer.AGENT_FULL;
            }
            Instant expires = now.plusSeconds(q.offerTimeoutSeconds());
            if (!store.offer(item, agent.id, expires)) {
                return Offer.ITEM_GONE;
            }
            store.insertOffer(item.id(), agent.id, q.id(), now);
            push.toUser(agent.id, OFFER_EVENT, offerJson(item, q, expires));
            load.merge(item.channel(), 1, Integer::sum);
            index.patch(agent.id, true, load);
            return Offer.MADE;
        });
        return result == null ? Offer.ITEM_GONE : result;
    }

    private static String offerJson(WorkItem item, RoutingQueue q, Instant expires) {
        return "{\"itemId\":" + item.id() + ",\"channel\":\"" + item.channel()
                + "\",\"queue\":\"" + jsonText(q.name()) + "\",\"expiresAt\":\"" + expires + "\"}";
    }

    private static String jsonText(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
