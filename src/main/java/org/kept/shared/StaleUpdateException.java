package org.kept.shared;

import org.springframework.http.HttpStatus;

/** Someone else changed the record since the caller read it (optimistic locking). */
public class StaleUpdateException extends KeptException {

    public StaleUpdateException(String what, Object id) {
        super(HttpStatus.CONFLICT, "error.stale", what, id);
    }
}
