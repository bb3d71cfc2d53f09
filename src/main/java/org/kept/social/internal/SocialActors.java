package org.kept.social.internal;

import java.util.EnumSet;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.SystemAccount;
import org.springframework.stereotype.Component;

/**
 * Who acts for the social channels: the disabled account {@code kept-social} (migration V23) for the channel's own
 * entries, and the same account standing in for the follower who wrote, so the ticket desk treats the message as the
 * customer's.
 */
@Component
class SocialActors {

    static final String USERNAME = "kept-social";

    private final SystemAccount account;

    SocialActors(Directory directory) {
        this.account = new SystemAccount(directory, USERNAME, "Kept social", "SOCIAL",
                EnumSet.of(Permission.TICKET_READ, Permission.TICKET_WRITE, Permission.TICKET_ASSIGN_ANY));
    }

    CurrentUser channel() {
        return account.get();
    }

    CurrentUser customer(long customerId, String name) {
        return account.forCustomer(customerId, name);
    }
}
