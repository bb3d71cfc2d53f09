package org.kept.sla.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.UserView;
import org.kept.sla.Assignees;
import org.kept.sla.OnShift;
import org.kept.ticket.Tickets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/** The people offered when a ticket is (re)assigned: workers of the team, their shift now and their load. */
@Service
class AssigneeList implements Assignees {

    private final Directory directory;
    private final Tickets tickets;
    private final ObjectProvider<OnShift> onShift;
    private final Clock clock;

    AssigneeList(Directory directory, Tickets tickets, ObjectProvider<OnShift> onShift, Clock clock) {
        this.directory = directory;
        this.tickets = tickets;
        this.onShift = onShift;
        this.clock = clock;
    }

    @Override
    public List<Assignee> of(Long teamId) {
        List<UserView> workers = directory.staffWith(Permission.TICKET_WRITE).stream()
                .filter(u -> teamId == null || teamId.equals(u.teamId())).toList();
        Map<Long, Long> load = tickets.openLoad(workers.stream().map(UserView::id).toList());
        OnShift shift = onShift.getIfAvailable();
        Instant now = clock.instant();
        return workers.stream()
                .map(u -> new Assignee(u.id(), u.displayName(), u.agentNo(), u.teamId(),
                        shift == null || shift.isOnShift(u.id(), now), load.getOrDefault(u.id(), 0L)))
                .sorted(Comparator.comparing((Assignee a) -> !a.onShift()).thenComparingLong(Assignee::openTickets)
                        .thenComparing(Assignee::displayName))
                .toList();
    }
}
