package org.kept.survey.internal;

import java.util.EnumSet;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.SystemAccount;
import org.springframework.stereotype.Component;

/**
 * The survey's own hand on tickets (reopening on "4 问题未解决", the answer on the timeline): the disabled account
 * {@code kept-survey} that V19 creates, so every entry and audit line names who acted. It never signs in.
 */
@Component
class SurveyActor {

    static final String USERNAME = "kept-survey";

    private final SystemAccount account;

    SurveyActor(Directory directory) {
        this.account = new SystemAccount(directory, USERNAME, "Kept survey", "SURVEY",
                EnumSet.of(Permission.TICKET_READ, Permission.TICKET_WRITE));
    }

    CurrentUser get() {
        return account.get();
    }
}
