package org.kept.identity.internal;

import org.kept.identity.IdentityChanged;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * After an administrator's change commits, drops this instance's cached directory and token lookups, so a
 * disabled user or a changed role takes effect on the next request instead of after the caches expire.
 * After commit, not before: a reader between the two would otherwise cache the old state again.
 */
@Component
class DirectoryRefresh {

    private final UserStore users;
    private final TokenDesk tokens;

    DirectoryRefresh(UserStore users, TokenDesk tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(IdentityChanged change) {
        users.changed();
        tokens.forgetCached();
    }
}
