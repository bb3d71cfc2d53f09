package org.kept.shared;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** How an API create answers: 201 with its location, or 200 marked as a replay when an Idempotency-Key repeated it. */
public final class IdempotentResponses {

    private IdempotentResponses() {
    }

    public static <T> ResponseEntity<T> created(String location, boolean replayed, T body) {
        return ResponseEntity.status(replayed ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create(location))
                .header("Idempotent-Replayed", String.valueOf(replayed))
                .body(body);
    }
}
