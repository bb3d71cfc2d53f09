package org.kept.relay.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The scheduled pass ({@code kept.relay.poll-interval}, PT1M): releases bindings past their expiry or left marked by
 * an ended case, and lifts restrictions likewise. Time is the injected clock's, read by the desks.
 */
@Component
@ConditionalOnProperty(name = "kept.relay.worker-enabled", havingValue = "true", matchIfMissing = true)
class RelayWorker {

    private final RelayDesk relay;
    private final PartyActions restrictions;

    RelayWorker(RelayDesk relay, PartyActions restrictions) {
        this.relay = relay;
        this.restrictions = restrictions;
    }

    @Scheduled(fixedDelayString = "${kept.relay.poll-interval:PT1M}", initialDelayString = "PT40S")
    void run() {
        relay.releaseDue();
        restrictions.liftDue();
    }
}
