package org.kept.shared;

import java.time.ZoneId;

/** The time zone the centre works in: ticket numbers and pages use its calendar days. */
public record CentreZone(ZoneId zone) {
}
