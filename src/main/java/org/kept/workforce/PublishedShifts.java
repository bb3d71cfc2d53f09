package org.kept.workforce;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A person's shifts on PUBLISHED rosters, for modules that count or bound things per shift (e.g. abuse exposure).
 * A person no published roster lists has no shifts here.
 */
public interface PublishedShifts {

    /** Published shifts of the person overlapping {@code from} (inclusive) to {@code to} (exclusive), by start. */
    List<ShiftView> between(long userId, Instant from, Instant to);

    /**
     * The shift the person is on at {@code at}, or else the last one that started in the 24 hours before it and has
     * ended (the shift just worked); empty when neither exists.
     */
    default Optional<ShiftView> currentOrLast(long userId, Instant at) {
        List<ShiftView> near = between(userId, at.minus(java.time.Duration.ofHours(24)), at.plusMillis(1));
        return near.stream().filter(s -> !s.startsAt().isAfter(at)).reduce((a, b) -> b);
    }
}
