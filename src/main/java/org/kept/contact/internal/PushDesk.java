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
        if (event == null || !event.matches("[a-z][a-z0-9-]{0,40}")) {
            throw new IllegalArgumentException("event names are lower-case words: " + event);
        }
        if (json.length() > MAX_JSON) {
            throw new IllegalArgumentException("push payload too large: " + json.length());
        }
        if (postgres) {
            jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, Subscribers.relayed(userId, event, json)).query().listOfRows();
        } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    subscribers.deliver(userId, event, json);
                }
            });
        } else {
            subscribers.deliver(userId, event, json);
        }
    }
}
