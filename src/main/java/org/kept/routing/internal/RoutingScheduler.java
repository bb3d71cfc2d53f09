package org.kept.routing.internal;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the router and the presence timers every second on every instance, and a router pass as soon as this instance
 * committed a routing change (new work, a declined or finished item, an agent who became available) so a free slot or
 * new work does not wait for the next second. The passes are safe side by side (the database's compare-and-set decides);
 * on one instance they take turns. Off in tests, which call {@link Router#runOnce} and {@link PresenceDesk#tick}.
 */
@Component
class RoutingScheduler implements DisposableBean {

    private final Router router;
    private final PresenceDesk presence;
    private final Clock clock;
    private final boolean enabled;
    private final ReentrantLock turn = new ReentrantLock();
    private final AtomicBoolean woken = new AtomicBoolean();
    private final ExecutorService soon;

    RoutingScheduler(Router router, PresenceDesk presence, Clock clock, RoutingChanges changes,
                     @Value("${kept.routing.poller-enabled:true}") boolean enabled) {
        this.router = router;
        this.presence = presence;
        this.clock = clock;
        this.enabled = enabled;
        this.soon = enabled ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kept-routing-soon");
            t.setDaemon(true);
            return t;
        }) : null;
        if (enabled) {
            changes.onCommit(this::wake);
        }
    }

    @Scheduled(fixedDelayString = "${kept.routing.poll-interval:PT1S}", initialDelayString = "${kept.routing.poll-delay:PT10S}")
    void poll() {
        if (!enabled) {
            return;
        }
        turn.lock();
        try {
            presence.tick(clock.instant());
            router.runOnce(clock.instant());
        } finally {
            turn.unlock();
        }
    }

    /** Asks for a pass soon; wakes that arrive while one is pending are folded into it. */
    void wake() {
        if (soon != null && woken.compareAndSet(false, true)) {
            soon.execute(() -> {
                woken.set(false);
                turn.lock();
                try {
                    router.runOnce(clock.instant());
                } catch (RuntimeException e) {
                    // the next scheduled pass tries again; a failed early pass only loses its head start
                    org.slf4j.LoggerFactory.getLogger(RoutingScheduler.class).warn("routing pass failed", e);
                } finally {
                    turn.unlock();
                }
            });
        }
    }

    @Override
    public void destroy() {
        if (soon != null) {
            soon.shutdownNow();
        }
    }
}
