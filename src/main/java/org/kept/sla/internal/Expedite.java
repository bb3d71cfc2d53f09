package org.kept.sla.internal;

import java.time.OffsetDateTime;

/** One expedite (加急) as the API shows it: the deadline it moved, and whether it was honoured. */
public record Expedite(long id, long ticketId, String reason, OffsetDateTime requestedAt, OffsetDateTime oldDue,
                       OffsetDateTime newDue, String outcome) {
}
