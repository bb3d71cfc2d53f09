package org.kept.console;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/** One timeline entry on a page, its body already masked for the viewer. */
record TimelineItem(long id, String kind, String actor, LocalDateTime at, String oldValue, String newValue, String body) {

    public boolean isMessage() {
        return body != null && !body.isEmpty();
    }

    /** The time a promise (承诺) entry is due, so the page can say it in the centre's time; null for other entries. */
    public Instant getPromisedBy() {
        if (!"COMMITMENT".equals(kind) || newValue == null) {
            return null;
        }
        try {
            return Instant.parse(newValue);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
