package org.kept.authority.internal;

import java.time.Instant;
import org.kept.shared.Money;

/** Something granted once on a ticket: at once within the limits, or when an exception request was approved. */
public record Grant(long id, long ticketId, Long customerId, long agentId, Long agentTeamId, String action, Money amount,
                    String reason, Long requestId, Instant grantedAt) {
}
