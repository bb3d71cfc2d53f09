package org.kept.sla.internal;

/**
 * A rule escalation a clock still has to act on: the rule that matched (none for ones recorded before rules were
 * rows), the tier it asks for and why.
 */
record PendingRule(Long ruleId, int level, String reason) {

    static final int MAX_REASON = 200;

    PendingRule {
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON - 1) + "…";
        }
    }

    /** Asks for more than {@code other} (or there is no other). */
    boolean above(PendingRule other) {
        return other == null || level > other.level;
    }
}
