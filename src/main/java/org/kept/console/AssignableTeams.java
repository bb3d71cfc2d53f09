package org.kept.console;

import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.identity.Permission;
import org.kept.identity.TeamView;

/**
 * The teams a person may give a ticket to, for the team lists on the pages: every team with TICKET_ASSIGN_ANY,
 * otherwise their own and the one the ticket is already in (the desk refuses the rest anyway).
 */
final class AssignableTeams {

    private AssignableTeams() {
    }

    static List<TeamView> of(List<TeamView> teams, CurrentUser me, Long currentTeam) {
        if (me.can(Permission.TICKET_ASSIGN_ANY)) {
            return teams;
        }
        return teams.stream().filter(t -> Long.valueOf(t.id()).equals(me.teamId()) || Long.valueOf(t.id()).equals(currentTeam))
                .toList();
    }
}
