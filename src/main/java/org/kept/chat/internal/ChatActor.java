package org.kept.chat.internal;

import java.util.EnumSet;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.springframework.stereotype.Component;

/** The chat channel's own hand on tickets and contacts: the disabled account {@code kept-chat} (migration V22). */
@Component
class ChatActor {

    static final String USERNAME = "kept-chat";

    private final Directory directory;
    private volatile CurrentUser actor;

    ChatActor(Directory directory) {
        this.directory = directory;
    }

    CurrentUser get() {
        CurrentUser a = actor;
        if (a == null) {
            long id = directory.userNamed(USERNAME).orElseThrow(() -> new IllegalStateException("no user " + USERNAME)).id();
            a = new CurrentUser(id, USERNAME, "Kept chat", "CHAT", "LEAD",
                    EnumSet.of(Permission.TICKET_READ, Permission.TICKET_WRITE, Permission.TICKET_ASSIGN_ANY), null, null, true, "");
            actor = a;
        }
        return a;
    }
}
