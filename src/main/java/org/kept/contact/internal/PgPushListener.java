package org.kept.contact.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, one thread per instance LISTENs on {@code kept_push} over its own connection (not one of the pool's:
 * it is held for the instance's lifetime) and hands each notification to this instance's {@link Subscribers}. When the
 * connection breaks it reconnects with a growing pause; what was notified meanwhile is lost, which a screen pop can
 * afford (the call is on the ticket and in the call records anyway).
 */
@Component
public class PgPushListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PgPushListener.class);

    private final Subscribers subscribers;
    private final String url;
    private final String user;
    private final String password;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    public PgPushListener(Subscribers subscribers, @Value("${spring.datasource.url}") String url,
                          @Value("${spring.datasource.username:}") String user,
                          @Value("${spring.datasource.password:}") String password) {
        this.subscribers = subscribers;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public void start() {
        if (!url.startsWith("jdbc:postgresql:") || running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "kept-push-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** True once LISTEN is in place (tests wait for it before they notify). */
    public boolean listening() {
        return listening;
    }

    private void run() {
        long pause = 500;
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + PushDesk.CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                listening = true;
                pause = 500;
                while (running) {
                    // waits up to a second, so stop() is noticed and a dead connection throws instead of hanging
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            deliver(n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                listening = false;
                if (running) {
                    log.warn("Push listener lost PostgreSQL ({}); reconnecting in {} ms", e.getMessage(), pause);
                    try {
                        Thread.sleep(pause);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                    pause = Math.min(pause * 2, 30_000);
                }
            }
        }
        listening = false;
    }

    private void deliver(String payload) {
        try {
            subscribers.deliver(payload);
        } catch (RuntimeException e) {
            log.warn("A push subscriber failed: {}", e.toString());
        }
    }
}
