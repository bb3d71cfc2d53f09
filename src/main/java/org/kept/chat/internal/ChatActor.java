package org.kept.chat.internal;

import java.util.EnumSet;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.SystemAccount;
import org.springframework.stereotype.Component;

/** The chat channel's own hand on tickets and contacts: the disabled account {@code kept-chat} (migration V22). */
@Component
class ChatActor {

    static final String USERNAME = "kept-chat";

    private final SystemAccount account;

    ChatActor(Directory directory) {
        this.account = new SystemAccount(directory, USERNAME, "Kept chat", "CHAT",
                EnumSet.of(Permission.TICKET_READ, Permission.TICKET_WRITE, Permission.TICKET_ASSIGN_ANY));
    }

    CurrentUser get() {
        return account.get();
    }
}
