package org.kept.relay.internal;

import java.time.Instant;

/** The other party of a ticket's case on the platform (对方: the driver, the seller); {@code phone} null until asked. */
public record Counterparty(long id, long ticketId, String role, String accountRef, String displayName, String phone,
                           Instant createdAt) {

    /** The roles a counterparty has on a platform; the list the panel offers. */
    public static final java.util.List<String> ROLES = java.util.List.of("DRIVER", "SELLER", "COURIER", "OTHER");
}
