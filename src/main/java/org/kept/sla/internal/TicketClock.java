package org.kept.sla.internal;

import java.time.Instant;

/** The stored clock of one ticket: the facts deadlines are derived from, and the derived deadlines. */
final class TicketClock {

    static final String WAITING_ON_CUSTOMER = "WAITING_CUSTOMER";
    static final String RESOLVED = "RESOLVED";

    long ticketId;
    Long policyId;
    Long baselinePolicyId;
    Instant startedAt;
    Instant firstResponseAt;
    Instant updateAnchorAt;
    Instant pausedSince;
    String pauseReason;
    long pausedMinutes;
    long resolutionCut;
    /** Working minutes expedites took off the first-response target. */
    long firstResponseCut;
    /** Working minutes expedites took off the update now owed; a new update starts the next one in full. */
    long updateCut;
    /** The cuts are stored (sla_clock_cut), so saving updates that row rather than inserting it. */
    boolean hasCutRow;
    int expedites;
    Instant lastExpediteAt;
    int escalationLevel;
    /** A rule escalation decided but not yet carried out. */
    PendingRule rulePending;
    Instant firstResponseDue;
    Instant nextUpdateDue;
    Instant resolutionDue;
    Instant escalationAt;
    Instant nextAt;
    /** Just started: no pauses and no actions taken yet, nothing to read back. */
    boolean fresh;

    boolean paused() {
        return pausedSince != null;
    }
}
