package org.kept.sla.internal;

import org.kept.identity.CurrentUser;
import org.kept.sla.PolicyTerms;
import org.kept.sla.SlaPolicies;
import org.springframework.stereotype.Service;

/** {@link SlaPolicies} for other modules: the terms become a {@link Policy} that {@link PolicyAdmin} checks and stores. */
@Service
class PolicyTermsDesk implements SlaPolicies {

    private final PolicyAdmin admin;
    private final ServiceHours hours;

    PolicyTermsDesk(PolicyAdmin admin, ServiceHours hours) {
        this.admin = admin;
        this.hours = hours;
    }

    @Override
    public void serveTeam(long teamId, long calendarId, CurrentUser by) {
        hours.set(teamId, calendarId, by);
    }

    @Override
    public long define(PolicyTerms t, CurrentUser by) {
        return admin.create(new Policy(0, t.name(), t.position(), t.type(), t.category(), t.priority(), t.channel(),
                t.teamId(), t.tier(), t.calendarId(), t.firstResponseMinutes(), t.nextUpdateMinutes(),
                t.resolutionMinutes(), t.warnPercent(), t.expeditePercent(), 0), by, null).id();
    }
}
