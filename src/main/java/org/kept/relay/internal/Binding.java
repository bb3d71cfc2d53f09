package org.kept.relay.internal;

import java.time.Instant;

/**
 * An AXB binding: A (the centre's line when an agent calls, the customer's phone when the customer does) and B (the
 * counterparty) both reach each other by dialling X. BOUND → RELEASING (the case ended; the provider is told next)
 * → RELEASED.
 */
public record Binding(long id, long ticketId, long counterpartyId, String caller, String provider, String poolKey,
                      String phoneA, String phoneB, String secretNo, String subsId, boolean recording, String state,
                      Instant expiresAt, long createdBy, Instant createdAt, String releaseReason, Instant releasedAt) {

    public boolean live() {
        return state.equals("BOUND");
    }
}
