package org.kept.sms.internal;

import java.util.EnumSet;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.springframework.stereotype.Component;

/** The SMS channel's own hand on tickets (a delivery report on the timeline): the disabled account {@code kept-sms}. */
@Component
class SmsActor {

    static final String USERNAME = "kept-sms";

    private final Directory directory;
    private volatile CurrentUser actor;

    SmsActor(Directory directory) {
        this.directory = directory;
    }

    CurrentUser get() {
        CurrentUser a = actor;
        if (a == null) {
            long id = directory.userNamed(USERNAME).orElseThrow(() -> new IllegalStateException("no user " + USERNAME)).id();
            a = new CurrentUser(id, USERNAME, "Kept SMS", "SMS", "LEAD",
                    EnumSet.of(Permission.TICKET_READ, Permission.TICKET_WRITE), null, null, true, "");
            actor = a;
        }
        return a;
    }
}
