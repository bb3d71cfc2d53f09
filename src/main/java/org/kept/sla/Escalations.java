package org.kept.sla;

import java.util.OptionalInt;
import org.kept.identity.CurrentUser;

/**
 * Escalation (升级) as other modules ask for it: something they own went wrong on a ticket (an exception request
 * nobody decided in time) and the ticket climbs the administrator's escalation ladder, recorded on its timeline.
 */
public interface Escalations {

    /**
     * Moves an active ticket to the next tier (at the top tier its leads are told instead), in the caller's
     * transaction; {@code reason} is a {@code shared.LocalText} or plain text. Returns the tier the ticket is at
     * afterwards; empty for a ticket that is no longer active, which stays as it is.
     */
    OptionalInt escalate(long ticketId, String reason, CurrentUser by);
}
