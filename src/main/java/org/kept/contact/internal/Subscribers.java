package org.kept.contact.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kept.contact.Push;
import org.springframework.stereotype.Component;

/**
 * The pages connected to this instance, by user or by topic: where a pushed event is finally written. A user's key is
 * their id in decimal, a topic's is {@code t:} and its name, so the two never meet.
 */
@Component
public class Subscribers {

    /** One connected page. Must not block: it writes to its own stream. */
    public interface Listener extends Push.Listener {
    }

    private final Map<String, Set<Push.Listener>> byKey = new ConcurrentHashMap<>();

    /** Returns what to call when the page goes away. */
    public Runnable subscribe(long userId, Listener listener) {
        return subscribe(Long.toString(userId), listener);
    }

    Runnable subscribeTopic(String topic, Push.Listener listener) {
        return subscribe(topicKey(topic), listener);
    }

    private Runnable subscribe(String key, Push.Listener listener) {
        byKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> byKey.computeIfPresent(key, (k, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    void deliver(long userId, String event, String json) {
        deliverTo(Long.toString(userId), event, json);
    }

    void deliverTopic(String topic, String event, String json) {
        deliverTo(topicKey(topic), event, json);
    }

    private void deliverTo(String key, String event, String json) {
        Set<Push.Listener> listeners = byKey.get(key);
        if (listeners != null) {
            listeners.forEach(l -> l.on(event, json));
        }
    }

    /** A relayed message as {@code key|event|json}: a user's id, or {@code t:topic}. */
    void deliver(String relayed) {
        int first = relayed.indexOf('|');
        int second = relayed.indexOf('|', first + 1);
        if (first < 1 || second < 0) {
            return;
        }
        String key = relayed.substring(0, first);
        if (!key.startsWith("t:")) {
            try {
                Long.parseLong(key);
            } catch (NumberFormatException ignored) {
                return;  // not ours: someone else notified on the channel
            }
        }
        deliverTo(key, relayed.substring(first + 1, second), relayed.substring(second + 1));
    }

    static String relayed(long userId, String event, String json) {
        return userId + "|" + event + "|" + json;
    }

    static String relayedTopic(String topic, String event, String json) {
        return topicKey(topic) + "|" + event + "|" + json;
    }

    static String topicKey(String topic) {
        return "t:" + topic;
    }
}
