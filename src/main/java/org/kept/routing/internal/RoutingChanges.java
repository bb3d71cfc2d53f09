package org.kept.routing.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What this instance changed in the routing tables since the router's index last looked: the agents whose presence,
 * skills or held work moved, or everything (channel rules, queues). {@link RoutingStore} marks every write twice, when
 * it runs and again after its transaction commits, so an index that reloaded in between (and saw the old rows) reloads
 * once more. Changes another instance made are not seen here: the index also reloads in full every so often, and the
 * database's compare-and-set decides anyway. After each commit the listeners are told (the scheduler runs a pass soon).
 */
@Component
class RoutingChanges {

    private final Set<Long> agents = new HashSet<>();
    private boolean everything = true;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    void agent(long userId) {
        synchronized (this) {
            agents.add(userId);
        }
        afterCommit(() -> {
            synchronized (this) {
                agents.add(userId);
            }
        });
    }

    void everything() {
        synchronized (this) {
            everything = true;
        }
        afterCommit(() -> {
            synchronized (this) {
                everything = true;
            }
        });
    }

    /** New work or a freed slot: nothing in the index changes, but a pass is worth running. */
    void work() {
        afterCommit(() -> { });
    }

    void onCommit(Runnable listener) {
        listeners.add(listener);
    }

    /** What changed since the last call: null when everything has to be reloaded. */
    synchronized Set<Long> drain() {
        if (everything) {
            everything = false;
            agents.clear();
            return null;
        }
        Set<Long> out = Set.copyOf(agents);
        agents.clear();
        return out;
    }

    private void afterCommit(Runnable mark) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    mark.run();
                    listeners.forEach(Runnable::run);
                }
            });
        } else {
            mark.run();
            listeners.forEach(Runnable::run);
        }
    }
}
