package org.kept.shared;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * What Kept must finish before it serves anyone: the demo centre written, the knowledge index built. A module names
 * its work when its bean is made ({@link #expect}) and reports it {@link #done}; until all of it is, every request but
 * the health probes is answered 503 ({@link StartupGate}) and readiness is down (this bean is the {@code startup}
 * health contributor, in the readiness group). Work that fails because the database is away is tried again with a
 * growing pause instead of stopping the application ({@link #retrying}).
 */
@Component("startup")
public class StartupWork implements HealthIndicator {

    /** Waits between tries of start-up work while the database is away: 1 s, 2 s, 4 s … up to this. */
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(StartupWork.class);

    /** How a retry waits; tests pass one that records the pause instead of sleeping. */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final DatabaseOutage outage;
    private final Pause pause;

    @Autowired
    StartupWork(DatabaseOutage outage) {
        this(outage, duration -> Thread.sleep(duration.toMillis()));
    }

    StartupWork(DatabaseOutage outage, Pause pause) {
        this.outage = outage;
        this.pause = pause;
    }

    /** Names work that must be done before Kept serves; call it while the application starts (a bean's constructor). */
    public void expect(String work) {
        pending.add(work);
    }

    public void done(String work) {
        pending.remove(work);
    }

    /** Whether every piece of start-up work is done. */
    public boolean finished() {
        return pending.isEmpty();
    }

    /** Runs the work, again after a pause each time the database cannot be reached; any other failure is thrown. */
    public <T> T retrying(String what, Supplier<T> work) {
        Duration wait = Duration.ofSeconds(1);
        while (true) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (!DatabaseAway.is(e)) {
                    throw e;
                }
                outage.noticed(e);
                log.warn("{} could not reach the database; trying again in {} s", what, wait.toSeconds());
                try {
                    pause.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait = wait.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : wait.multipliedBy(2);
            }
        }
    }

    /** {@link #retrying} for work without a result, then {@link #done}. */
    public void run(String work, Runnable body) {
        retrying(work, () -> {
            body.run();
            return null;
        });
        done(work);
    }

    @Override
    public Health health() {
        return finished() ? Health.up().build() : Health.outOfService().withDetail("waitingFor", Set.copyOf(pending)).build();
    }
}
