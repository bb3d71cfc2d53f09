package org.kept.sla.internal;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The SLA module's settings ({@code kept.sla.*}), with the defaults a centre starts from. */
@Component
public class SlaSettings {

    final Duration expediteCooldown;
    final long expediteFloorMinutes;
    final Duration reminderLead;
    final Duration lease;
    final int batch;

    SlaSettings(@Value("${kept.sla.expedite.cooldown:PT24H}") Duration expediteCooldown,
                @Value("${kept.sla.expedite.floor-minutes:30}") long expediteFloorMinutes,
                @Value("${kept.sla.commitment.reminder-lead:PT15M}") Duration reminderLead,
                @Value("${kept.sla.lease:PT30S}") Duration lease,
                @Value("${kept.sla.batch:200}") int batch) {
        this.expediteCooldown = expediteCooldown;
        this.expediteFloorMinutes = expediteFloorMinutes;
        this.reminderLead = reminderLead;
        this.lease = lease;
        this.batch = batch;
    }

    public Duration reminderLead() {
        return reminderLead;
    }
}
