package org.kept.routing.internal;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the router and the presence timers every second on every instance; the passes are safe side by side (each
 * offer is a compare-and-set). Off in tests, which call {@link Router#runOnce} and {@link PresenceDesk#tick}.
 */
@Component
class RoutingScheduler {

    private final Router router;
    private final PresenceDesk presence;
    private final Clock clock;
    private final boolean enabled;

    RoutingScheduler(Router router, PresenceDesk presence, Clock clock,
                     @Value("${kept.routing.poller-enabled:true}") boolean enabled) {
        this.router = router;
        this.presence = presence;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${kept.routing.poll-interval:PT1S}", initialDelayString = "${kept.routing.poll-delay:PT10S}")
    void poll() {
        if (!enabled) {
            return;
        }
        presence.tick(clock.instant());
        router.runOnce(clock.instant());
    }
}
