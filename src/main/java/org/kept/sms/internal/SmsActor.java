package org.kept.sms.internal;

import java.util.EnumSet;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.SystemAccount;
import org.springframework.stereotype.Component;

/** The SMS channel's own hand on tickets (a delivery report on the timeline): the disabled account {@code kept-sms}. */
@Component
class SmsActor {

    static final String USERNAME = "kept-sms";

    private final SystemAccount account;

    SmsActor(Directory directory) {
        this.account = new SystemAccount(directory, USERNAME, "Kept SMS", "SMS",
                EnumSet.of(Permission.TICKET_READ, Permission.TICKET_WRITE));
    }

    CurrentUser get() {
        return account.get();
    }
}
