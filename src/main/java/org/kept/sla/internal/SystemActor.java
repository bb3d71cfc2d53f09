package org.kept.sla.internal;

import java.util.EnumSet;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.SystemAccount;
import org.springframework.stereotype.Component;

/**
 * The clock's own hand on tickets (moves at breach, timeline entries): the disabled account {@code kept-sla} that the
 * migration creates, so every entry and audit line names who acted. It never signs in.
 */
@Component
class SystemActor {

    static final String USERNAME = "kept-sla";

    private final SystemAccount account;

    SystemActor(Directory directory) {
        this.account = new SystemAccount(directory, USERNAME, "Kept SLA", "SLA",
                EnumSet.of(Permission.TICKET_READ, Permission.TICKET_WRITE, Permission.TICKET_ASSIGN_ANY));
    }

    CurrentUser get() {
        return account.get();
    }
}
