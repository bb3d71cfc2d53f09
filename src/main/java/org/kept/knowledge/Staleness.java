package org.kept.knowledge;

import java.util.List;

/** Why an article may no longer be right: its review date has passed, or an open change request touches it. */
public record Staleness(boolean pastReview, List<String> changeRequests) {

    public static final Staleness FRESH = new Staleness(false, List.of());

    public boolean stale() {
        return pastReview || !changeRequests.isEmpty();
    }
}
