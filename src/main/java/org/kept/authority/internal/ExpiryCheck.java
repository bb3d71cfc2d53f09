package org.kept.authority.internal;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The scheduled look for exception requests nobody decided in time ({@code kept.authority.expiry-check}, PT1M). */
@Component
@ConditionalOnProperty(name = "kept.authority.expiry-enabled", havingValue = "true", matchIfMissing = true)
class ExpiryCheck {

    private final GrantDesk desk;
    private final Clock clock;

    ExpiryCheck(GrantDesk desk, Clock clock) {
        this.desk = desk;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${kept.authority.expiry-check:PT1M}", initialDelayString = "PT30S")
    void run() {
        desk.expireDue(clock.instant());
    }
}
