package org.kept.authority.internal;

import java.time.Instant;
import java.util.List;
import org.kept.shared.Money;

/**
 * An exception request (特例申请) with its chain. Never edited after submission: it is decided step by step, withdrawn
 * or expired; {@code step} is the level now asked (1-based), {@code stepDueAt} when that level's time runs out.
 */
public record ExceptionRequest(long id, long ticketId, Long customerId, long requesterId, Long requesterTeamId,
                               String action, Money amount, String reason, String evidence, State state, int step,
                               int steps, Instant createdAt, Instant stepDueAt, Instant endedAt, String endNote,
                               List<Step> chain) {

    public enum State {
        PENDING, APPROVED, REJECTED, WITHDRAWN, EXPIRED
    }

    public boolean pending() {
        return state == State.PENDING;
    }

    /** The step now asked, while pending. */
    public Step current() {
        return chain.get(step - 1);
    }

    /** One level of the chain and what became of it. */
    public record Step(int seq, int levelPosition, String role, Long teamId, String nameZh, String nameEn, String state,
                       Long decidedBy, String decidedByName, String comment, Instant decidedAt) {

        public String name(java.util.Locale locale) {
            return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
        }
    }
}
