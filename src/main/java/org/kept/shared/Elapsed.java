package org.kept.shared;

import java.time.Duration;
import java.time.Instant;

/**
 * A span of time as every page prints it ("27天7小时", "1h 25m"; fragment {@code console/parts :: age}), measured on
 * the injected clock: the queue, the ticket and the escalation board say the same of the same ticket.
 */
public record Elapsed(long days, int hours, int minutes) {

    /** From {@code from} to {@code to}; nothing (0 minutes) when {@code from} is later. */
    public static Elapsed between(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        return new Elapsed(d.toDays(), d.toHoursPart(), d.toMinutesPart());
    }
}
