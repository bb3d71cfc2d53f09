package org.kept.callback;

import java.time.Instant;
import java.util.List;

/**
 * Bringing in a centre's past callbacks (when it moves to Kept, or the demo centre): tasks with their attempts and
 * outcomes as they happened, written in batches. Nothing reacts as to a new task (no timeline entry, no event).
 */
public interface CallbackHistory {

    /** Writes the tasks and their attempts; answers how many tasks were written. */
    int importHistoric(List<HistoricCallback> callbacks);

    /**
     * A past callback task: {@code state} OPEN, DONE or GAVE_UP; {@code number} E.164; {@code attempts} in order.
     */
    record HistoricCallback(Callbacks.Reason reason, Long ticketId, Long customerId, String number, Long teamId,
                            Long waitSeconds, Instant createdAt, Instant dueAt, String state, Instant closedAt,
                            List<Attempt> attempts) {
    }

    /** One try: {@code outcome} REACHED, NO_ANSWER, WRONG_NUMBER or CALL_AGAIN (with {@code callAgainAt}). */
    record Attempt(Instant plannedAt, Long agentId, Instant dialledAt, String outcome, Instant callAgainAt, String note,
                   Instant recordedAt) {
    }
}
