package org.kept.phone.internal;

import java.time.Instant;

/** A call's event as kept in {@code phone_call_event}: what the record is computed from. */
record StoredEvent(String event, Instant at, String agentRef, String queue, String cause, String hungUpBy,
                   String recordingUri, String recordingSha256) {

    /** The event just received, as it is being kept. */
    static StoredEvent of(CallEvent e, String agentRef) {
        return new StoredEvent(e.event(), e.at(), agentRef, e.queue(), e.cause(), e.hangupBy(), e.recordingUri(),
                e.recordingSha256());
    }

    /** Events at the same instant apply in the order a call lives them. */
    int rank() {
        return CallEvent.EVENTS.indexOf(event);
    }
}
