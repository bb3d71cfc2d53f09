package org.kept.contact.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The pages connected to this instance, by user: where a pushed event is finally written. */
@Component
public class Subscribers {

    /** One connected page. Must not block: it writes to its own stream. */
    public interface Listener {
        void on(String event, String json);
    }

    private final Map<Long, Set<Listener>> byUser = new ConcurrentHashMap<>();

    /** Returns what to call when the page goes away. */
    public Runnable subscribe(long userId, Listener listener) {
        byUser.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> byUser.computeIfPresent(userId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    void deliver(long userId, String event, String json) {
        Set<Listener> listeners = byUser.get(userId);
        if (listeners != null) {
            listeners.forEach(l -> l.on(event, json));
        }
    }

    /** A relayed message as {@code userId|event|json}. */
    void deliver(String relayed) {
        int first = relayed.indexOf('|');
        int second = relayed.indexOf('|', first + 1);
        if (first < 1 || second < 0) {
            return;
        }
        try {
            deliver(Long.parseLong(relayed.substring(0, first)), relayed.substring(first + 1, second),
                    relayed.substring(second + 1));
        } catch (NumberFormatException ignored) {
            // not ours: someone else notified on the channel
        }
    }

    static String relayed(long userId, String event, String json) {
        return userId + "|" + event + "|" + json;
    }
}
