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

    private static final java.time.format.DateTimeFormatter SHOWN =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Clock clock;
    private final ZoneId zone;

    CentreTime(Clock clock, CentreZone zone) {
        this.clock = clock;
        this.zone = zone.zone();
    }

    LocalDateTime local(OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(zone).toLocalDateTime();
    }

    /**
     * A stored value as the centre reads it: an instant (a deadline on the timeline, stored in UTC) as the centre's
     * wall-clock time, anything else unchanged.
     */
    String shown(String value) {
        if (value == null || value.length() < 20 || value.charAt(value.length() - 1) != 'Z') {
            return value;
        }
        try {
            return SHOWN.format(java.time.Instant.parse(value).atZone(zone));
        } catch (java.time.format.DateTimeParseException notAnInstant) {
            return value;
        }
    }

    /** How long a ticket has waited; templates print it as "3d 4h" / "3天4小时" (the one formatter, see Elapsed). */
    org.kept.shared.Elapsed age(OffsetDateTime since) {
        return org.kept.shared.Elapsed.between(since.toInstant(), clock.instant());
    }
}
