package org.kept.shared;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Remembers whether the database is away, so an outage is one line in the log when it starts and one when it ends,
 * not a stack trace per request. While it is away a probe asks the pool for a connection every second; the first one
 * that answers ends the outage.
 */
@Component
public class DatabaseOutage {

    /** Seconds a client is told to wait (Retry-After) while the database is away; a restart takes a few. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

    private final DataSource dataSource;
    private final Clock clock;
    /** When the current outage began; null while the database answers. */
    private final AtomicReference<Instant> since = new AtomicReference<>();

    DatabaseOutage(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A request (or start-up work) could not reach the database: the first such failure of an outage is logged. */
    public void noticed(Throwable failure) {
        if (since.compareAndSet(null, clock.instant())) {
            log.warn("Database unreachable ({}): answering 503 with Retry-After until it is back", reason(failure));
        }
    }

    public boolean away() {
        return since.get() != null;
    }

    /** Asks for a connection while an outage lasts; the first one that is valid ends the outage. */
    @Scheduled(fixedDelayString = "${kept.database.probe-every:PT1S}")
    public void probe() {
        Instant began = since.get();
        if (began == null) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(2) && since.compareAndSet(began, null)) {
                log.info("Database reachable again after {} s", Duration.between(began, clock.instant()).toSeconds());
            }
        } catch (Exception stillAway) {
            // still away: said once already
        }
    }

    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
