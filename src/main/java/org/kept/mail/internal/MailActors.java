package org.kept.mail.internal;

import java.util.EnumSet;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.springframework.stereotype.Component;

/**
 * Who acts for mail: the disabled account {@code kept-mail} (migration V20) for the channel's own entries, and the same
 * account standing in for the customer who wrote, so the ticket desk treats the mail as the customer's reply.
 */
@Component
class MailActors {

    static final String USERNAME = "kept-mail";

    private final Directory directory;
    private volatile Long id;

    MailActors(Directory directory) {
        this.directory = directory;
    }

    private long id() {
        Long known = id;
        if (known == null) {
            known = directory.userNamed(USERNAME).orElseThrow(() -> new IllegalStateException("no user " + USERNAME)).id();
            id = known;
        }
        return known;
    }

    CurrentUser channel() {
        return new CurrentUser(id(), USERNAME, "Kept mail", "MAIL", "LEAD",
                EnumSet.of(Permission.TICKET_READ, Permission.TICKET_WRITE, Permission.TICKET_ASSIGN_ANY), null, null, true, "");
    }

    CurrentUser customer(long customerId, String name) {
        return new CurrentUser(id(), USERNAME, name == null || name.isBlank() ? "Email" : name, null, "CUSTOMER",
                EnumSet.of(Permission.PORTAL), null, customerId, true, "");
    }
}
