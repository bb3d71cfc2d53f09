package org.kept.sla;

import org.kept.identity.CurrentUser;

/** Defining SLA policies from another module (a centre's setup, the demo centre); checked as the admin pages are. */
public interface SlaPolicies {

    /** Adds a policy at its position; returns its id. */
    long define(PolicyTerms terms, CurrentUser by);

    /** The calendar a team serves customers by: times told to its customers fall inside it. */
    void serveTeam(long teamId, long calendarId, CurrentUser by);
}
