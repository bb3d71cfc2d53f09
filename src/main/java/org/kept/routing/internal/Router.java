package org.kept.routing.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kept.contact.Push;
import org.kept.ticket.Channel;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The automatic call distributor for written work. One pass: offers that ran out go back to their queue, work that
 * waited past its queue's overflow moves on, then queues (highest priority first) offer their front to the best agent
 * who has the skills and free capacity. Each offer is its own short transaction that locks the agent's presence row and
 * takes the item by compare-and-set, so two instances on one database never offer one item twice nor an agent more than
 * their capacity. The pass reads the agents, their skills and loads once and keeps them in memory while it runs.
 */
@Service
public class Router {

    /** The push event that shows an offer on the agent's console. */
    public static final String OFFER_EVENT = "routing-offer";

    static final int BATCH = 500;

    private final RoutingStore store;
    private final Push push;
    private final Clock clock;
    private final TransactionTemplate tx;

    Router(RoutingStore store, Push push, Clock clock, PlatformTransactionManager txManager) {
        this.store = store;
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
        List<RoutingQueue> queues = store.queues();
        int overflowed = 0;
        for (RoutingQueue q : queues) {
            if (q.overflowAfterSeconds() != null && q.overflowQueueId() != null && q.overflowQueueId() != q.id()) {
                long to = q.overflowQueueId();
                Instant since = now.minusSeconds(q.overflowAfterSeconds());
                Integer n = tx.execute(s -> store.overflow(q.id(), to, since, now));
                overflowed += n == null ? 0 : n;
            }
        }
        return new Pass(expired, overflowed, offer(queues, now));
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

    private int offer(List<RoutingQueue> queues, Instant now) {
        List<Presence> routable = store.routable();
        if (routable.isEmpty()) {
            return 0;
        }
        Map<Channel, ChannelRule> rules = store.channels();
        Map<Long, Map<String, Integer>> skills = store.skillsOf(routable.stream().map(Presence::userId).toList());
        Map<Long, Map<Channel, Integer>> loads = store.loads();
        Map<Long, Agent> agents = new HashMap<>();
        for (Presence p : routable) {
            agents.put(p.userId(), new Agent(p.userId(), p.idleSince(), skills.getOrDefault(p.userId(), Map.of()),
                    new HashMap<>(loads.getOrDefault(p.userId(), Map.of()))));
        }
        int offered = 0;
        for (RoutingQueue q : queues) {
            List<Agent> candidates = new ArrayList<>(agents.values().stream().filter(a -> a.qualifies(q)).toList());
            if (candidates.isEmpty()) {
                continue;
            }
            for (WorkItem item : store.waiting(q.id(), BATCH)) {
                List<Agent> free = candidates.stream().filter(a -> a.hasRoom(item.channel(), rules)).toList();
                if (free.isEmpty()) {
                    break;
                }
                Set<Long> before = item.version() == 0 ? Set.of() : store.offeredTo(item.id());
                List<Agent> fresh = free.stream().filter(a -> !before.contains(a.id)).toList();
                List<Agent> ranked = new ArrayList<>(fresh.isEmpty() ? free : fresh);
                ranked.sort(order(q.strategy(), rules));
                for (Agent a : ranked) {
                    Offer result = tryOffer(item, a, q, rules, now);
                    if (result == Offer.MADE) {
                        a.load.merge(item.channel(), 1, Integer::sum);
                        offered++;
                        break;
                    }
                    if (result == Offer.ITEM_GONE) {
                        break;
                    }
                    // the agent's load or state changed elsewhere: the fresh load is in a.load; try the next agent
                }
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

    enum Offer {
        MADE, AGENT_FULL, ITEM_GONE
    }

    private Offer tryOffer(WorkItem item, Agent agent, RoutingQueue q, Map<Channel, ChannelRule> rules, Instant now) {
        Offer result = tx.execute(s -> {
            Presence p = store.lockPresence(agent.id).orElse(null);
            if (p == null || !p.state().routable()) {
                agent.gone = true;
                return Offer.AGENT_FULL;
            }
            Map<Channel, Integer> load = store.loadOf(agent.id);
            agent.load = new HashMap<>(load);
            if (!hasRoom(load, item.channel(), rules)) {
                return Offer.AGENT_FULL;
            }
            Instant expires = now.plusSeconds(q.offerTimeoutSeconds());
            if (!store.offer(item, agent.id, expires)) {
                return Offer.ITEM_GONE;
            }
            store.insertOffer(item.id(), agent.id, q.id(), now);
            push.toUser(agent.id, OFFER_EVENT, "{\"itemId\":" + item.id() + ",\"channel\":\"" + item.channel()
                    + "\",\"queue\":\"" + jsonText(q.name()) + "\",\"expiresAt\":\"" + expires + "\"}");
            return Offer.MADE;
        });
        return result == null ? Offer.ITEM_GONE : result;
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
