package org.kept.sla.internal;

import org.kept.customer.CustomerTier;
import org.kept.ticket.Channel;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketType;

/**
 * An SLA policy: a condition (every part optional; none at all makes it a fallback), a calendar (null = round the
 * clock) and targets in working minutes. {@code nextUpdateMinutes} may be null (no update promise).
 */
public record Policy(long id, String name, int position, TicketType type, String category, Priority priority,
                     Channel channel, Long teamId, CustomerTier tier, Long calendarId, int firstResponseMinutes,
                     Integer nextUpdateMinutes, int resolutionMinutes, int warnPercent, int expeditePercent, int version) {

    public boolean isFallback() {
        return type == null && category == null && priority == null && channel == null && teamId == null && tier == null;
    }

    boolean matches(Facts t, boolean withTier) {
        if (tier != null && (!withTier || tier != t.tier())) {
            return false;
        }
        return (type == null || type == t.type()) && (category == null || category.equals(t.category()))
                && (priority == null || priority == t.priority()) && (channel == null || channel == t.channel())
                && (teamId == null || teamId.equals(t.teamId()));
    }

    /** What a policy's condition looks at. */
    record Facts(TicketType type, String category, Priority priority, Channel channel, Long teamId, CustomerTier tier) {
    }
}
