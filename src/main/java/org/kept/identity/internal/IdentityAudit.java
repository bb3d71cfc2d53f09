package org.kept.identity.internal;

import java.util.Collection;
import java.util.Objects;
import java.util.TreeSet;
import org.kept.identity.CurrentUser;
import org.kept.identity.IdentityChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells the audit log who changed what in identity, one entry per changed aspect with old → new, so a
 * compliance officer can answer "who made this agent a lead, and when" from one line.
 */
@Component
class IdentityAudit {

    private static final String NONE = "—";

    private final ApplicationEventPublisher events;

    IdentityAudit(ApplicationEventPublisher events) {
        this.events = events;
    }

    void record(CurrentUser actor, String action, String subject, String details) {
        events.publishEvent(new IdentityChanged(actor.username(), action, subject, details));
    }

    /** Records old → new only when the value really changed. */
    void change(CurrentUser actor, String action, String subject, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            record(actor, action, subject, show(before) + " → " + show(after));
        }
    }

    /** Sets are shown sorted, so the same permissions always read the same. */
    static String show(Object value) {
        if (value == null || "".equals(value)) {
            return NONE;
        }
        if (value instanceof Collection<?> values) {
            TreeSet<String> sorted = new TreeSet<>();
            values.forEach(v -> sorted.add(String.valueOf(v)));
            return sorted.toString();
        }
        return String.valueOf(value);
    }
}
