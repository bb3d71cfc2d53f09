package org.kept.callback.internal;

import java.time.Instant;
import org.kept.callback.Callbacks;

/** A callback task as stored: OPEN until the customer is reached (DONE) or the centre gives up (GAVE_UP). */
public record CallbackTask(long id, Callbacks.Reason reason, Long ticketId, Long customerId, String number, Long teamId,
                           Long ownerId, Instant dueAt, String state, String note, Long waitSeconds, int attempts,
                           Instant createdAt, Instant closedAt, int version) {

    public boolean open() {
        return "OPEN".equals(state);
    }

    public boolean overdueAt(Instant now) {
        return open() && dueAt.isBefore(now);
    }
}
