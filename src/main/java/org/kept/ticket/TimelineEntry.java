package org.kept.ticket;

import java.time.OffsetDateTime;

/** A stored timeline entry: who did what, when, with old and new values. */
public record TimelineEntry(long id, String kind, String actorName, OffsetDateTime at, String oldValue, String newValue,
                            String body) {

    private static final java.util.Set<String> PUBLIC = java.util.Set.of("CREATED", "STATE", "REPLY", "CUSTOMER_REPLY", "MERGED_INTO");

    public boolean publicToCustomer() {
        return PUBLIC.contains(kind);
    }
}
