package org.kept.protection.internal;

import java.time.Instant;
import java.util.List;
import org.kept.protection.Restrictions;

/** The protection module's rows, as the desks and pages read them. */
public final class Records {

    private Records() {
    }

    /** A level an agent marks a contact with, and what it allows. */
    public record Level(String code, int rank, String nameZh, String nameEn, boolean allowsWarn, boolean allowsEnd,
                        boolean allowsRestrict, boolean allowsReject) {
        public String name(java.util.Locale locale) {
            return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
        }
    }

    /** A marked contact. {@code agentId} is the agent it happened to (whose exposure it counts in). */
    public record Flag(long id, long contactId, String level, String channel, Long customerId, Long ticketId,
                       long agentId, String note, Instant warnedAt, String warningScript, Instant endedAt,
                       String endReason, Instant createdAt) {
    }

    /** A caller restriction: PENDING until a second person approves, then ACTIVE until it expires, or REFUSED/LIFTED. */
    public record Restriction(long id, Restrictions.IdentityKind kind, String identityHash, String identityMasked,
                              Long customerId, Restrictions.Action action, String reason, String state, long requestedBy,
                              Instant requestedAt, Long approvedBy, Instant decidedAt, String decisionNote,
                              Instant expiresAt, Instant reviewAt, long hitCount, Instant lastHitAt, int version) {

        public boolean activeAt(Instant at) {
            return "ACTIVE".equals(state) && expiresAt.isAfter(at);
        }

        /** What the page shows: PENDING, ACTIVE, EXPIRED (active but past its expiry), REFUSED or LIFTED. */
        public String shownState(Instant at) {
            return "ACTIVE".equals(state) && !expiresAt.isAfter(at) ? "EXPIRED" : state;
        }
    }

    /** A restricted party's appeal. */
    public record Appeal(long id, long restrictionId, Long customerId, String text, String state, Long decidedBy,
                         String decisionNote, Instant createdAt, Instant decidedAt) {
    }

    /** The centre's protection settings (one row). */
    public record Settings(int recoveryMinutes, int dailyAlertThreshold, String warningScriptCode, String harassmentQueue,
                           String automaticMessage, int reviewDays) {
    }

    /**
     * An agent's flagged contacts today and this week, per rostered shift ({@code shift}: the one they are on or last
     * worked, null without a published roster; {@code weekShifts}: each published shift of this week so far), and their
     * protection.
     */
    public record Exposure(long userId, long today, long thisWeek, ShiftExposure shift, List<ShiftExposure> weekShifts,
                           Instant recoveryUntil, boolean writtenOnly, boolean overThreshold) {
    }

    /** Flagged contacts during one published shift; {@code current} while the shift is on. */
    public record ShiftExposure(long shiftId, String shiftType, Instant startsAt, Instant endsAt, long flagged,
                                boolean current) {
    }
}
