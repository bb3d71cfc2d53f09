package org.kept.shared;

import java.time.ZoneId;

/**
 * The time zone the centre works in: ticket numbers and pages use its calendar days. It starts as the
 * {@code kept.time-zone} setting; the zone an administrator chose at first start ({@link Centre}) replaces it.
 */
public final class CentreZone {

    private volatile ZoneId zone;

    public CentreZone(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Only {@link Centre} moves it: when the stored choice is read at start, or set at first start. */
    void moveTo(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public String toString() {
        return "CentreZone[" + zone + "]";
    }
}
