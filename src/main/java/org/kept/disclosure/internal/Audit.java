package org.kept.disclosure.internal;

import org.kept.disclosure.DisclosureChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Writes every step of a disclosure to the audit log, in the step's own transaction. */
@Component
class Audit {

    private final ApplicationEventPublisher events;

    Audit(ApplicationEventPublisher events) {
        this.events = events;
    }

    void step(String actor, String action, long requestId, String details) {
        events.publishEvent(new DisclosureChanged(actor, action, "disclosure:" + requestId, details));
    }

    void agency(String actor, String action, long agencyId, String details) {
        events.publishEvent(new DisclosureChanged(actor, action, "disclosure-agency:" + agencyId, details));
    }
}
