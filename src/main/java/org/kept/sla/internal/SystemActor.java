package org.kept.sla.internal;

import java.util.EnumSet;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.springframework.stereotype.Component;

/**
 * The clock's own hand on tickets (moves at breach, timeline entries): the disabled account {@code kept-sla} that the
 * migration creates, so every entry and audit line names who acted. It never signs in.
 */
@Component
class SystemActor {

    static final String USERNAME = "kept-sla";

    private final Directory directory;
    private volatile CurrentUser actor;

    SystemActor(Directory directory) {
        this.directory = directory;
    }

    CurrentUser get() {
        CurrentUser a = actor;
        if (a == null) {
            long id = directory.userNamed(USERNAME).orElseThrow(() -> new IllegalStateException("no user " + USERNAME)).id();
            a = new CurrentUser(id, USERNAME, "Kept SLA", "SLA", "LEAD",
                    EnumSet.of(Permission.TICKET_READ, Permission.TICKET_WRITE, Permission.TICKET_ASSIGN_ANY), null, null,
                    true, "");
            actor = a;
        }
        return a;
    }
}
