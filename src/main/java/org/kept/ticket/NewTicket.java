package org.kept.ticket;

/**
 * What an agent, a customer or a program records. When the centre cannot answer at once it records the facts:
 * time, place, people involved, what happened (the description) and a contact phone.
 */
public record NewTicket(TicketType type, String category, Channel channel, Priority priority, String subject,
                        String description, String incidentTime, String incidentPlace, String peopleInvolved,
                        String contactPhone, long customerId, Long teamId, Long assigneeId) {
}
