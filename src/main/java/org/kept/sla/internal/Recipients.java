package org.kept.sla.internal;

import java.util.List;
import org.kept.identity.Directory;
import org.kept.identity.UserView;
import org.kept.ticket.TicketView;
import org.springframework.stereotype.Component;

/** Who hears about a ticket: its holder, its team's leads (组长), or the whole team when it has no lead. */
@Component
class Recipients {

    static final String LEAD = "LEAD";

    private final Directory directory;

    Recipients(Directory directory) {
        this.directory = directory;
    }

    List<Long> leadsOf(Long teamId) {
        if (teamId == null) {
            return List.of();
        }
        List<Long> leads = directory.staff().stream().filter(u -> teamId.equals(u.teamId()) && LEAD.equals(u.role()))
                .map(UserView::id).toList();
        return leads.isEmpty() ? teamOf(teamId) : leads;
    }

    List<Long> teamOf(Long teamId) {
        return teamId == null ? List.of()
                : directory.staff().stream().filter(u -> teamId.equals(u.teamId())).map(UserView::id).toList();
    }

    List<Long> holderOf(TicketView t) {
        return t.assigneeId() != null ? List.of(t.assigneeId()) : leadsOf(t.teamId());
    }

    /** A lead of the team other than {@code except}, if the team has one. */
    java.util.Optional<UserView> leadOf(Long teamId, Long except) {
        return directory.staff().stream()
                .filter(u -> teamId != null && teamId.equals(u.teamId()) && LEAD.equals(u.role())
                        && (except == null || u.id() != except))
                .findFirst();
    }

    String holderName(TicketView t) {
        String team = t.teamId() == null ? "-" : directory.team(t.teamId()).map(x -> x.name()).orElse("#" + t.teamId());
        String person = t.assigneeId() == null ? "-"
                : directory.user(t.assigneeId()).map(UserView::displayName).orElse("#" + t.assigneeId());
        return team + " / " + person;
    }

    java.util.Optional<org.kept.identity.TeamView> team(long id) {
        return directory.team(id);
    }
}
