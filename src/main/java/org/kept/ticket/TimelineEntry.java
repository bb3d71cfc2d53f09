package org.kept.ticket;

import java.time.OffsetDateTime;

/**
 * A stored timeline entry: who did what, when, with old and new values, and whether the customer sees it (as the
 * change that wrote it said, whichever module's change it was).
 */
public record TimelineEntry(long id, String kind, String actorName, OffsetDateTime at, String oldValue, String newValue,
                            String body, boolean publicToCustomer) {
}
