package org.kept.chat.internal;

import java.time.Instant;

/** One chat as stored, unmasked: mask at the edge. */
public record Conversation(long id, String token, String customerName, String phone, String email, long customerId,
                           Long teamId, Long ticketId, Long agentId, State state, long lastSeq, long customerRead,
                           long agentRead, String origin, Instant startedAt, Instant acceptedAt, Instant endedAt) {

    /** Waiting for an agent, with one, or over. */
    public enum State {
        WAITING, ACTIVE, ENDED
    }

    /** The phone, else the email: what the contact register keeps as the address. */
    public String address() {
        return phone != null ? phone : email;
    }
}
