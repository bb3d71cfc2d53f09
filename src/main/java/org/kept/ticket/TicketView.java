package org.kept.ticket;

import java.time.OffsetDateTime;

/** A ticket as stored, unmasked; callers mask at their edge. */
public record TicketView(long id, String number, TicketType type, String category, Channel channel, Priority priority,
                         TicketState state, String subject, String description, String incidentTime, String incidentPlace,
                         String peopleInvolved, String contactPhone, long customerId, Long teamId, Long assigneeId,
                         Long mergedIntoId, Long createdById, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                         int version) {
}
