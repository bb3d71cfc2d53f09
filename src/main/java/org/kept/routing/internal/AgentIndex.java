package org.kept.routing.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kept.ticket.Channel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This instance's picture of the routable agents between router passes: state, idle time, skills with levels and what
 * each holds per channel, with the channel rules and the queues. It is only a cache that makes choosing cheap: a pass
 * reloads just the agents {@link RoutingChanges} names, everything when rules or queues changed, and everything every
 * {@code kept.routing.index-refresh} (what other instances changed); each offer is still checked against the locked
 * rows in the database before it is made, and the index takes the loads it read there.
 */
@Component
class AgentIndex {

    /** One pass's copy of the index (agents are copies too: the pass counts its offers on them). */
    record Snapshot(Map<Long, Router.Agent> agents, Map<Channel, ChannelRule> rules, List<RoutingQueue> queues) {
    }

    private final RoutingStore store;
    private final RoutingChanges changes;
    private final long refreshNanos;
    private final Map<Long, Router.Agent> agents = new HashMap<>();
    private Map<Channel, ChannelRule> rules = Map.of();
    private List<RoutingQueue> queues = List.of();
    private long loadedAt;
    private boolean loaded;

    AgentIndex(RoutingStore store, RoutingChanges changes,
               @Value("${kept.routing.index-refresh:PT1S}") Duration refresh) {
        this.store = store;
        this.changes = changes;
        this.refreshNanos = refresh.toNanos();
    }

    /** Brings the index up to date and copies it for one pass. */
    synchronized Snapshot snapshot() {
        Set<Long> changed = changes.drain();
        // cache age is wall time of this process, not business time: the injected Clock may stand still in tests
        if (changed == null || !loaded || System.nanoTime() - loadedAt > refreshNanos) {
            reloadAll();
        } else if (!changed.isEmpty()) {
            reload(changed);
        }
        Map<Long, Router.Agent> copy = new HashMap<>(agents.size() * 2);
        agents.forEach((id, a) -> copy.put(id, a.copy()));
        return new Snapshot(copy, rules, queues);
    }

    /** After a batch: what the database said about these agents while their rows were locked. */
    synchronized void patch(long agentId, boolean routable, Map<Channel, Integer> load) {
        Router.Agent a = agents.get(agentId);
        if (a == null) {
            return;
        }
        if (!routable) {
            agents.remove(agentId);
        } else {
            a.load = new HashMap<>(load);
        }
    }

    private void reloadAll() {
        List<Presence> routable = store.routable();
        rules = store.channels();
        queues = store.queues();
        Map<Long, Map<String, Integer>> skills = store.skillsOf(routable.stream().map(Presence::userId).toList());
        Map<Long, Map<Channel, Integer>> loads = store.loads();
        agents.clear();
        for (Presence p : routable) {
            agents.put(p.userId(), new Router.Agent(p.userId(), p.idleSince(), skills.getOrDefault(p.userId(), Map.of()),
                    new HashMap<>(loads.getOrDefault(p.userId(), Map.of()))));
        }
        loadedAt = System.nanoTime();
        loaded = true;
    }

    private void reload(Set<Long> ids) {
        List<Long> list = new ArrayList<>(ids);
        List<Presence> found = store.presencesOf(list);
        Map<Long, Map<String, Integer>> skills = store.skillsOf(list);
        Map<Long, Map<Channel, Integer>> loads = store.loadsOf(list);
        list.forEach(agents::remove);
        for (Presence p : found) {
            if (p.state().routable()) {
                agents.put(p.userId(), new Router.Agent(p.userId(), p.idleSince(), skills.getOrDefault(p.userId(), Map.of()),
                        new HashMap<>(loads.getOrDefault(p.userId(), Map.of()))));
            }
        }
    }
}
