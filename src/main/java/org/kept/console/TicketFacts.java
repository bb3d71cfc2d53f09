package org.kept.console;

import java.time.LocalDateTime;
import java.util.List;
import org.kept.ticket.Channel;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketType;

/**
 * A ticket as the viewer may see it: personal data masked for roles without PII_VIEW, ids turned into names, and
 * the states it can move to next. The version travels with every form so a stale edit is refused, not applied.
 */
record TicketFacts(long id, String number, TicketType type, String category, Channel channel, Priority priority,
                   TicketState state, String subject, String description, String incidentTime, String incidentPlace,
                   String peopleInvolved, String contactPhone, boolean phoneMasked, Long teamId, String team,
                   Long assigneeId, String assignee, String mergedInto, LocalDateTime createdAt, LocalDateTime updatedAt,
                   org.kept.shared.Elapsed age, int version, List<TicketState> moves) {
}
