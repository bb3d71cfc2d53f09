package org.kept.identity.web;

import java.net.URI;
import org.kept.shared.IdempotentRequests.Outcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** How a create answers: 201 with its location, or 200 marked as a replay when an Idempotency-Key repeated it. */
final class AdminResponses {

    private AdminResponses() {
    }

    static <T> ResponseEntity<T> created(String collection, Outcome outcome, T body) {
        return ResponseEntity.status(outcome.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create(collection + outcome.id()))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(body);
    }
}
