package org.kept.sla.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.kept.sla.PauseReason;
import org.kept.ticket.TicketDeadlines;

/**
 * The clock of one ticket (时钟): the facts deadlines are derived from (start, first reply, update anchor, pauses,
 * expedite cuts, escalation tier) and the derived deadlines. Each change is a method that keeps the facts consistent;
 * only {@link ClockStore} turns it into a row and back.
 */
final class TicketClock {

    private final long ticketId;
    private final Instant startedAt;
    /** Just started: no pauses and no actions taken yet, nothing to read back. */
    private final boolean fresh;
    /** Not in the table yet: the first save inserts it, deadlines and all, instead of an insert and then an update. */
    private boolean unsaved;
    private Long policyId;
    private Long baselinePolicyId;
    private Instant firstResponseAt;
    private Instant updateAnchorAt;
    private Instant pausedSince;
    private PauseReason pauseReason;
    private long pausedMinutes;
    private long resolutionCut;
    /** Working minutes expedites took off the first-response target. */
    private long firstResponseCut;
    /** Working minutes expedites took off the update now owed; a new update starts the next one in full. */
    private long updateCut;
    /** The cuts live in a side row (sla_clock_cut) that exists only for tickets ever expedited. */
    private boolean cutRow;
    private int expedites;
    private Instant lastExpediteAt;
    private int escalationLevel;
    /** A rule escalation decided but not yet carried out. */
    private PendingRule rulePending;
    private Instant firstResponseDue;
    private Instant nextUpdateDue;
    private Instant resolutionDue;
    private Instant escalationAt;
    private Instant nextAt;
    /** The ticket's team, kept from its changes so the escalation board filters by team on this table's own index. */
    private Long teamId;

    private TicketClock(long ticketId, Instant startedAt, boolean fresh) {
        this.ticketId = ticketId;
        this.startedAt = Objects.requireNonNull(startedAt);
        this.fresh = fresh;
    }

    /** A clock that starts now, for a ticket just recorded. */
    static TicketClock start(long ticketId, Instant at) {
        TicketClock c = new TicketClock(ticketId, at, true);
        c.unsaved = true;
        return c;
    }

    boolean unsaved() {
        return unsaved;
    }

    /** The store inserted it; later saves update the row. */
    void inserted() {
        unsaved = false;
    }

    /** Everything a clock's row holds. */
    record Stored(long ticketId, Long policyId, Long baselinePolicyId, Instant startedAt, Instant firstResponseAt,
                  Instant updateAnchorAt, Instant pausedSince, PauseReason pauseReason, long pausedMinutes,
                  long resolutionCut, long firstResponseCut, long updateCut, boolean cutRow, int expedites,
                  Instant lastExpediteAt, int escalationLevel, PendingRule rulePending, Instant firstResponseDue,
                  Instant nextUpdateDue, Instant resolutionDue, Instant escalationAt, Instant nextAt, Long teamId) {
    }

    static TicketClock restore(Stored s) {
        TicketClock c = new TicketClock(s.ticketId(), s.startedAt(), false);
        c.policyId = s.policyId();
        c.baselinePolicyId = s.baselinePolicyId();
        c.firstResponseAt = s.firstResponseAt();
        c.updateAnchorAt = s.updateAnchorAt();
        c.pausedSince = s.pausedSince();
        c.pauseReason = s.pauseReason();
        c.pausedMinutes = s.pausedMinutes();
        c.resolutionCut = s.resolutionCut();
        c.firstResponseCut = s.firstResponseCut();
        c.updateCut = s.updateCut();
        c.cutRow = s.cutRow();
        c.expedites = s.expedites();
        c.lastExpediteAt = s.lastExpediteAt();
        c.escalationLevel = s.escalationLevel();
        c.rulePending = s.rulePending();
        c.firstResponseDue = s.firstResponseDue();
        c.nextUpdateDue = s.nextUpdateDue();
        c.resolutionDue = s.resolutionDue();
        c.escalationAt = s.escalationAt();
        c.nextAt = s.nextAt();
        c.teamId = s.teamId();
        return c;
    }

    Stored stored() {
        return new Stored(ticketId, policyId, baselinePolicyId, startedAt, firstResponseAt, updateAnchorAt, pausedSince,
                pauseReason, pausedMinutes, resolutionCut, firstResponseCut, updateCut, cutRow, expedites, lastExpediteAt,
                escalationLevel, rulePending, firstResponseDue, nextUpdateDue, resolutionDue, escalationAt, nextAt, teamId);
    }

    /** The store wrote the side row of cuts; from now on it is updated, not inserted. */
    void cutRowStored() {
        cutRow = true;
    }

    // --- what happens to a ticket, as far as its clock is concerned

    /** Stops the clock; true when it was running (a pause begins), false when it only changes why it stands. */
    boolean pause(PauseReason reason, Instant at) {
        Objects.requireNonNull(reason);
        if (paused()) {
            pauseReason = reason;
            return false;
        }
        pausedSince = at;
        pauseReason = reason;
        return true;
    }

    /** A pause that ended: why, from when to when. */
    record Resumed(PauseReason reason, Instant from, Instant to) {
    }

    /** Runs the clock again after a pause that lasted {@code workingMinutes} of the policy's calendar. */
    Resumed resume(Instant at, long workingMinutes) {
        if (!paused()) {
            throw new IllegalStateException("clock of ticket " + ticketId + " is running");
        }
        Resumed ended = new Resumed(pauseReason, pausedSince, at);
        pausedMinutes += workingMinutes;
        pausedSince = null;
        pauseReason = null;
        return ended;
    }

    /** The centre answered the customer: the first response if none was given yet, and the next update owed starts. */
    void replied(Instant at) {
        if (firstResponseAt == null) {
            firstResponseAt = at;
        }
        updateAnchorAt = at;
        updateCut = 0;
    }

    /** 加急: working minutes taken off each running target; the cooldown runs from {@code at}. */
    void expedite(long resolutionMinutes, long firstResponseMinutes, long updateMinutes, Instant at) {
        if (paused()) {
            throw new IllegalStateException("clock of ticket " + ticketId + " stands still");
        }
        resolutionCut += resolutionMinutes;
        firstResponseCut += firstResponseMinutes;
        updateCut += updateMinutes;
        expedites++;
        lastExpediteAt = at;
    }

    boolean expeditedWithin(Duration cooldown, Instant now) {
        return lastExpediteAt != null && lastExpediteAt.plus(cooldown).isAfter(now);
    }

    /** What the customer is owed next: a reply that must not count as it is set back with {@link #stillOwes}. */
    record Owed(Instant firstResponseAt, Instant updateAnchorAt, long updateCut) {
    }

    Owed owed() {
        return new Owed(firstResponseAt, updateAnchorAt, updateCut);
    }

    void stillOwes(Owed owed) {
        firstResponseAt = owed.firstResponseAt();
        updateAnchorAt = owed.updateAnchorAt();
        updateCut = owed.updateCut();
    }

    /** An escalation rule asks for a tier: kept when above the tier the ticket is at and any rule already waiting. */
    void ruleAsks(PendingRule rule) {
        if (rule.level() > escalationLevel && rule.above(rulePending)) {
            rulePending = rule;
        }
    }

    /** The ticket moved to tier {@code level}; a waiting rule that asked no more than that is satisfied. */
    void escalatedTo(int level) {
        escalationLevel = level;
        if (rulePending != null && rulePending.level() <= level) {
            rulePending = null;
        }
    }

    /** The ticket is now with this team. */
    void heldBy(Long teamId) {
        this.teamId = teamId;
    }

    /** The policies that govern the clock: the matching one (a tier's, if any) and the baseline. */
    void governedBy(long policyId, long baselinePolicyId) {
        this.policyId = policyId;
        this.baselinePolicyId = baselinePolicyId;
    }

    /** The deadlines computed from these facts, and when the next warning, breach or rule falls due. */
    void plan(List<DeadlineMath.Deadline> deadlines, Instant nextAction) {
        firstResponseDue = due(deadlines, DeadlineMath.FIRST_RESPONSE);
        nextUpdateDue = due(deadlines, DeadlineMath.NEXT_UPDATE);
        resolutionDue = due(deadlines, DeadlineMath.RESOLUTION);
        escalationAt = Stream.of(firstResponseDue, nextUpdateDue, resolutionDue).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        nextAt = nextAction;
    }

    private static Instant due(List<DeadlineMath.Deadline> deadlines, String clock) {
        return deadlines.stream().filter(d -> d.clock().equals(clock)).map(DeadlineMath.Deadline::due).findFirst().orElse(null);
    }

    TicketDeadlines.Deadlines shown() {
        return new TicketDeadlines.Deadlines(firstResponseDue, nextUpdateDue, resolutionDue, escalationAt, pausedSince,
                pausedMinutes, expedites, escalationLevel);
    }

    // --- reading

    boolean paused() {
        return pausedSince != null;
    }

    boolean fresh() {
        return fresh;
    }

    long ticketId() {
        return ticketId;
    }

    Instant startedAt() {
        return startedAt;
    }

    Long policyId() {
        return policyId;
    }

    Instant firstResponseAt() {
        return firstResponseAt;
    }

    Instant updateAnchorAt() {
        return updateAnchorAt;
    }

    Instant pausedSince() {
        return pausedSince;
    }

    long resolutionCut() {
        return resolutionCut;
    }

    long firstResponseCut() {
        return firstResponseCut;
    }

    long updateCut() {
        return updateCut;
    }

    Instant lastExpediteAt() {
        return lastExpediteAt;
    }

    int escalationLevel() {
        return escalationLevel;
    }

    PendingRule rulePending() {
        return rulePending;
    }

    Instant firstResponseDue() {
        return firstResponseDue;
    }

    Instant nextUpdateDue() {
        return nextUpdateDue;
    }

    Instant resolutionDue() {
        return resolutionDue;
    }

    /** When the scheduler next has work on this ticket (a warning, a breach, a rule), as last planned. */
    Instant nextAt() {
        return nextAt;
    }
}
