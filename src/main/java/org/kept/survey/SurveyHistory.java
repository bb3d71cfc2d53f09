package org.kept.survey;

import java.time.Instant;
import java.util.List;

/**
 * Bringing in a centre's past survey answers (when it moves to Kept, or the demo centre), written in batches. Nothing
 * reacts as to a live answer: an answer 4 of the past does not reopen a ticket again (the history already shows it).
 */
public interface SurveyHistory {

    /** Writes the answered surveys, skipping tickets that already have one; answers how many were written. */
    int importAnswered(List<HistoricSurvey> surveys);

    /** A survey sent by {@code channel} (SMS or LINK) after the ticket was resolved, answered 1–4 at {@code answeredAt}. */
    record HistoricSurvey(long ticketId, long customerId, Long teamId, Long agentId, String category, String channel,
                          Instant resolvedAt, Instant sentAt, int answer, Instant answeredAt) {
    }
}
