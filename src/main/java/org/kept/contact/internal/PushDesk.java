package org.kept.contact.internal;

import org.kept.contact.Push;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * On PostgreSQL every push goes through {@code pg_notify('kept_push', …)}: the database holds it until the commit and
 * then hands it to every instance's {@link PgPushListener}, so the instance the agent's browser is connected to writes
 * it. On the embedded database there is one instance: delivered here, after the commit.
 */
@Service
class PushDesk implements Push {

    static final String CHANNEL = "kept_push";

    private final JdbcClient jdbc;
    private final Subscribers subscribers;
    private final boolean postgres;

    PushDesk(JdbcClient jdbc, Subscribers subscribers, @Value("${spring.datasource.url}") String url) {
        this.jdbc = jdbc;
        this.subscribers = subscribers;
        this.postgres = url.startsWith("jdbc:postgresql:");
    }

    @Override
    public void toUser(long userId, String event, String json) {
        check(event, json);
        if (postgres) {
            notify(Subscribers.relayed(userId, event, json));
        } else {
            afterCommit(() -> subscribers.deliver(userId, event, json));
        }
    }

    @Override
    public void toTopic(String topic, String event, String json) {
        if (topic == null || !topic.matches("[A-Za-z0-9_-]{1,100}")) {
            throw new IllegalArgumentException("topics are letters, digits, - and _: " + topic);
        }
        check(event, json);
        if (postgres) {
            notify(Subscribers.relayedTopic(topic, event, json));
        } else {
            afterCommit(() -> subscribers.deliverTopic(topic, event, json));
        }
    }

    @Override
    public Runnable listen(String topic, Listener listener) {
        return subscribers.subscribeTopic(topic, listener);
    }

    private static void check(String event, String json) {
        if (event == null || !event.matches("[a-z][a-z0-9-]{0,40}")) {
            throw new IllegalArgumentException("event names are lower-case words: " + event);
        }
        if (json.length() > MAX_JSON) {
            throw new IllegalArgumentException("push payload too large: " + json.length());
        }
    }

    private void notify(String relayed) {
        jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, relayed).query().listOfRows();
    }

    private static void afterCommit(Runnable delivery) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    delivery.run();
                }
            });
        } else {
            delivery.run();
        }
    }
}
