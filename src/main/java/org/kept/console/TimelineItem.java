package org.kept.console;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/** One timeline entry on a page, its body already masked for the viewer. */
record TimelineItem(long id, String kind, String actor, LocalDateTime at, String oldValue, String newValue, String body,
                    Instant promisedBy) {

    /** An entry whose values are shown as stored; the promise's due time is read from the stored (raw) new value. */
    TimelineItem(long id, String kind, String actor, LocalDateTime at, String oldValue, String newValue, String body) {
        this(id, kind, actor, at, oldValue, newValue, body, promisedBy(kind, newValue));
    }

    public boolean isMessage() {
        return body != null && !body.isEmpty();
    }

    /** The time a promise (承诺) entry is due, so the page can say it in the centre's time; null for other entries. */
    public Instant getPromisedBy() {
        return promisedBy;
    }

    /**
     * The due time of a promise entry from its stored new value (an instant); null for other entries. Read from the
     * raw value, before the screen turns stored instants into display text.
     */
    static Instant promisedBy(String kind, String rawNewValue) {
        if (!"COMMITMENT".equals(kind) || rawNewValue == null) {
            return null;
        }
        try {
            return Instant.parse(rawNewValue);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
