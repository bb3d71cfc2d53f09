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

    /** A masked value seen in full: the console's own reveal entry, so one audit query finds every reveal. */
    void revealed(String actor, long requestId, String field, String reason) {
        events.publishEvent(new org.kept.customer.PersonalDataRevealed(actor, "disclosure:" + requestId, field, reason));
    }

    void checklist(String actor, String action, String requestType, String code, String details) {
        events.publishEvent(new DisclosureChanged(actor, action, "disclosure-checklist:" + requestType + "/" + code, details));
    }

    void agency(String actor, String action, long agencyId, String details) {
        events.publishEvent(new DisclosureChanged(actor, action, "disclosure-agency:" + agencyId, details));
    }
}
