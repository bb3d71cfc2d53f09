package org.kept.identity.web;

import org.kept.shared.IdempotentRequests.Outcome;
import org.springframework.http.ResponseEntity;

/** How a create answers: 201 with its location, or 200 marked as a replay when an Idempotency-Key repeated it. */
final class AdminResponses {

    private AdminResponses() {
    }

    static <T> ResponseEntity<T> created(String collection, Outcome outcome, T body) {
        return org.kept.shared.IdempotentResponses.created(collection + outcome.id(), outcome.replayed(), body);
    }
}
