package org.kept.protection.internal;

import org.kept.phone.CallControl;
import org.kept.protection.ContactEndedForAbuse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * An agent ended a call for abuse: once the end is recorded (after the commit, so a PBX is never told to hang up on a
 * call whose end was rolled back), the PBX is asked to play the prompt and hang up, where it supports it.
 */
@Component
class EndCallOnPbx {

    private static final Logger log = LoggerFactory.getLogger(EndCallOnPbx.class);

    private final CallControl calls;

    EndCallOnPbx(CallControl calls) {
        this.calls = calls;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(ContactEndedForAbuse ended) {
        try {
            calls.endForAbuse(ended.contactId(), ended.reason());
        } catch (RuntimeException e) {
            // the end is recorded all the same; the agent can still hang up on their phone
            log.warn("Asking the PBX to end contact {} failed: {}", ended.contactId(), e.toString());
        }
    }
}
