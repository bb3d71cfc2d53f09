package org.kept.callback.internal;

import java.time.Instant;

/**
 * One try to reach the customer: planned for a time, dialled through the PBX or by hand, and its outcome once
 * recorded ({@code outcome} null while still to be made).
 */
public record CallbackAttempt(long id, long taskId, int seq, Instant plannedAt, Long agentId, Instant dialledAt,
                              Long outboxId, Long contactId, Outcome outcome, Instant callAgainAt, String note,
                              Instant recordedAt) {

    /** What the agent heard (接通, 无人接听, 号码错误, 约定再打). */
    public enum Outcome {
        REACHED, NO_ANSWER, WRONG_NUMBER, CALL_AGAIN
    }

    public boolean done() {
        return outcome != null;
    }
}
