package org.kept.identity;

import org.kept.shared.AuditableEvent;

/** A sign-in attempt, successful or not, for the audit log. */
public record LoginEvent(String actor, boolean success, String how, String remote) implements AuditableEvent {

    @Override
    public String action() {
        return success ? "login.success" : "login.failure";
    }

    @Override
    public String subject() {
        return "user:" + actor;
    }

    @Override
    public String details() {
        return how + (remote == null ? "" : " from " + remote);
    }
}
