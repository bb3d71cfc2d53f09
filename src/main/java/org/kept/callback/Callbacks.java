package org.kept.callback;

import java.time.Instant;

/** Other modules ask for a callback; the callback module owns the task, its attempts and the screen. */
public interface Callbacks {

    /**
     * Opens a callback task, or returns the open one for the same ticket (or, without a ticket, the same number) and
     * reason, so a retried event does not make two. {@code number} is E.164; {@code dueBy} when it should happen.
     */
    long request(CallbackRequest request);

    /** Why a callback exists; each reason has its own wording on the screen. */
    enum Reason {
        ABANDONED_CALL, COMMITMENT, SURVEY_NOT_SOLVED, SURVEY_UNHAPPY, MANUAL
    }

    record CallbackRequest(Reason reason, Long ticketId, Long customerId, String number, Long teamId, Instant dueBy,
                           String note) {
    }
}
