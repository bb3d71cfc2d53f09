package org.kept.sla;

import java.util.List;

/**
 * Who can take a ticket now: people whose role works tickets, each with whether they are on shift (from published
 * rosters, see {@link OnShift}) and how many open tickets they already hold, so a lead reassigning an overdue ticket
 * picks someone at work with room for it, never a planner or someone who has gone home.
 */
public interface Assignees {

    /** The team's people who can work tickets (everyone's when {@code teamId} is null), on shift first, least loaded first. */
    List<Assignee> of(Long teamId);

    /** One person who can take the ticket. */
    record Assignee(long id, String displayName, String agentNo, Long teamId, boolean onShift, long openTickets) {
    }
}
