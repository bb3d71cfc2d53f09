package org.kept.identity;

import org.kept.shared.AuditableEvent;

/**
 * A sign-in attempt, successful or not, for the audit log, with the client's address. Failed attempts are
 * aggregated: {@code more} counts further failures of the same kind within the login window, written as one entry.
 */
public record LoginEvent(String actor, boolean success, String how, String remote, int more) implements AuditableEvent {

    public LoginEvent(String actor, boolean success, String how, String remote) {
        this(actor, success, how, remote, 0);
    }

    @Override
    public String action() {
        return success ? "login.success" : more > 0 ? "login.failure.repeated" : "login.failure";
    }

    @Override
    public String subject() {
        return "user:" + actor;
    }

    @Override
    public String details() {
        return how + (remote == null ? "" : " from " + remote) + (more > 0 ? "; " + more + " more within the window" : "");
    }
}
