package org.kept.sla;

import org.kept.customer.CustomerTier;
import org.kept.ticket.Channel;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketType;

/**
 * An SLA policy as another module defines it: a condition (every part optional), a calendar (null = round the clock),
 * targets in working minutes ({@code nextUpdateMinutes} null = no update promise) and the warning and expedite
 * thresholds in percent of a target.
 */
public record PolicyTerms(String name, int position, TicketType type, String category, Priority priority, Channel channel,
                          Long teamId, CustomerTier tier, Long calendarId, int firstResponseMinutes,
                          Integer nextUpdateMinutes, int resolutionMinutes, int warnPercent, int expeditePercent) {
}
