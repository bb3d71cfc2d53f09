package org.kept.relay.internal;

import java.time.Instant;

/**
 * An account restriction on the platform, placed while a serious case is open: ACTIVE → LIFTING (the case closed;
 * the platform is told next) → LIFTED, with why (CASE_CLOSED, EXPIRED, BY_HAND).
 */
public record Restriction(long id, long ticketId, long counterpartyId, String reason, String platformRef, String state,
                          Instant until, long createdBy, Instant createdAt, String liftReason, String liftNote,
                          Instant liftedAt) {

    public boolean active() {
        return state.equals("ACTIVE");
    }
}
