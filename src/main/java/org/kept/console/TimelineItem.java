package org.kept.console;

import java.time.LocalDateTime;

/** One timeline entry on a page, its body already masked for the viewer. */
record TimelineItem(long id, String kind, String actor, LocalDateTime at, String oldValue, String newValue, String body) {

    public boolean isMessage() {
        return body != null && !body.isEmpty();
    }
}
