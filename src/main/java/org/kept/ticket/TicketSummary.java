package org.kept.ticket;

import java.time.OffsetDateTime;

/** One row of a queue. */
public record TicketSummary(long id, String number, TicketType type, Priority priority, TicketState state, String subject,
                            long customerId, Long teamId, Long assigneeId, OffsetDateTime createdAt,
                            OffsetDateTime updatedAt) {
}
