package org.kept.console;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.kept.shared.CentreZone;
import org.springframework.stereotype.Component;

/** Times as the centre reads them: wall-clock time in the centre's zone, and ages measured on the injected clock. */
@Component
class CentreTime {

    private final Clock clock;
    private final ZoneId zone;

    CentreTime(Clock clock, CentreZone zone) {
        this.clock = clock;
        this.zone = zone.zone();
    }

    LocalDateTime local(OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(zone).toLocalDateTime();
    }

    /** How long a ticket has waited; templates print it as "3d 4h" / "3天4小时" (the one formatter, see Elapsed). */
    org.kept.shared.Elapsed age(OffsetDateTime since) {
        return org.kept.shared.Elapsed.between(since.toInstant(), clock.instant());
    }
}
