package org.kept.sla.internal;

import java.util.EnumSet;
import org.kept.identity.CurrentUser;
import org.kept.identity.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The clock's own hand on tickets (moves at breach, timeline entries): the disabled account {@code kept-sla} that the
 * migration creates, so every entry and audit line names who acted. It never signs in.
 */
@Component
class SystemActor {

    private final JdbcClient jdbc;
    private volatile CurrentUser actor;

    SystemActor(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    CurrentUser get() {
        CurrentUser a = actor;
        if (a == null) {
            long id = jdbc.sql("select id from app_user where username = 'kept-sla'").query(Long.class).single();
            a = new CurrentUser(id, "kept-sla", "Kept SLA", "SLA", "LEAD",
                    EnumSet.of(Permission.TICKET_READ, Permission.TICKET_WRITE, Permission.TICKET_ASSIGN_ANY), null, null,
                    true, "");
            actor = a;
        }
        return a;
    }
}
