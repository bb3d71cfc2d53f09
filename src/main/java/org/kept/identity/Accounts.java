package org.kept.identity;

import java.util.List;

/** Moving logins in from another system (or the demo centre): staff and portal customers in one go. */
public interface Accounts {

    /**
     * Creates every login in one transaction, each checked and audited as an administrator's create is, except that
     * {@link NewUser#password()} is the bcrypt hash the person's password already has in the old system (so people
     * keep their passwords and no plain password travels); the password rules apply when a password is next set in
     * Kept. Returns the ids in order.
     */
    List<Long> importAll(List<NewUser> users, CurrentUser by);
}
