package org.kept.inbox;

import java.util.Set;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The agent routing handed work to, as the channel modules act for them: the signed-in agent who accepted the offer
 * when it is them (the usual case: the accept click), else the directory's record of them without permissions.
 */
public final class Assignee {

    private Assignee() {
    }

    public static CurrentUser of(long agentId, Directory directory) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof CurrentUser me && me.id() == agentId) {
            return me;
        }
        var u = directory.user(agentId).orElseThrow(() -> new IllegalStateException("no user " + agentId));
        return new CurrentUser(u.id(), u.username(), u.displayName(), u.agentNo(), u.role(), Set.of(), u.teamId(), null,
                true, "");
    }
}
