package org.kept.ticket;

import java.util.Optional;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;

/**
 * Who acts on a ticket the agent records (the seeds' inbound procedure): the agent answers it now ({@code SELF}, 我来处理),
 * or submits it to the team that can act ({@code TEAM}, 提交给团队). Either way the ticket has an owner from the start.
 */
public enum Handling {
    SELF, TEAM;

    /** The request with its holder: the recording agent (in their own team), or the chosen team's queue. */
    public NewTicket applyTo(NewTicket t, CurrentUser by) {
        return switch (this) {
            // the agent's own team follows from the person, as for any assignment
            case SELF -> new NewTicket(t.type(), t.category(), t.channel(), t.priority(), t.subject(), t.description(),
                    t.incidentTime(), t.incidentPlace(), t.peopleInvolved(), t.contactPhone(), t.customerId(), null, by.id());
            case TEAM -> new NewTicket(t.type(), t.category(), t.channel(), t.priority(), t.subject(), t.description(),
                    t.incidentTime(), t.incidentPlace(), t.peopleInvolved(), t.contactPhone(), t.customerId(), t.teamId(), null);
        };
    }

    /** What is missing for this choice: a ticket submitted to a team needs the team. */
    public Optional<KeptException.Field> problem(Long teamId) {
        return this == TEAM && teamId == null
                ? Optional.of(new KeptException.Field("teamId", "error.ticket.handling.team")) : Optional.empty();
    }
}
