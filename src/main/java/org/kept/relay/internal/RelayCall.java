package org.kept.relay.internal;

import java.time.Duration;
import java.time.Instant;

/** One call through a binding, as the provider reported it (its call id makes it one row however often it comes). */
public record RelayCall(long id, long bindingId, long ticketId, String provider, String callId, String direction,
                        Instant startedAt, Instant answeredAt, Instant endedAt, String releaseCause, String recordUrl) {

    /** Seconds talked: answered to ended, 0 when nobody answered. */
    public long seconds() {
        return answeredAt == null || endedAt == null ? 0 : Math.max(0, Duration.between(answeredAt, endedAt).toSeconds());
    }
}
