package org.kept.aftersales.internal;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Settles what neither an answer nor a notification settled: leases each due refund (a compare-and-set on its next
 * check time, so of several instances one works on it), submits a REQUESTED one again under the same number and
 * queries a PROCESSING one.
 */
@Component
public class RefundWorker {

    private static final Logger log = LoggerFactory.getLogger(RefundWorker.class);

    private final RefundDesk desk;
    private final Clock clock;
    private final boolean enabled;

    RefundWorker(RefundDesk desk, Clock clock, @Value("${kept.aftersales.poller-enabled:true}") boolean enabled) {
        this.desk = desk;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${kept.aftersales.poll-interval:PT5S}", initialDelayString = "PT10S")
    void poll() {
        if (enabled) {
            runDue();
        }
    }

    /** Works through the due refunds; returns how many this instance took. */
    public int runDue() {
        Instant now = clock.instant();
        int taken = 0;
        for (long id : desk.due(now, 100)) {
            if (!desk.lease(id, now)) {
                continue;
            }
            taken++;
            try {
                desk.check(id);
            } catch (RuntimeException e) {
                log.warn("refund {}: {}", id, e.toString());
            }
        }
        return taken;
    }
}
