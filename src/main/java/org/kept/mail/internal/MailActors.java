package org.kept.mail.internal;

import java.util.EnumSet;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.SystemAccount;
import org.springframework.stereotype.Component;

/**
 * Who acts for mail: the disabled account {@code kept-mail} (migration V20) for the channel's own entries, and the same
 * account standing in for the customer who wrote, so the ticket desk treats the mail as the customer's reply.
 */
@Component
class MailActors {

    static final String USERNAME = "kept-mail";

    private final SystemAccount account;

    MailActors(Directory directory) {
        this.account = new SystemAccount(directory, USERNAME, "Kept mail", "MAIL",
                EnumSet.of(Permission.TICKET_READ, Permission.TICKET_WRITE, Permission.TICKET_ASSIGN_ANY));
    }

    CurrentUser channel() {
        return account.get();
    }

    CurrentUser customer(long customerId, String name) {
        return account.forCustomer(customerId, name == null || name.isBlank() ? "Email" : name);
    }
}
