package org.kept.sla.internal;

/**
 * A rule escalation a clock still has to act on: the rule that matched (none for ones recorded before rules were
 * rows), the tier it asks for and why.
 */
record PendingRule(Long ruleId, int level, String reason) {

    static final int MAX_REASON = 200;

    PendingRule {
        reason = org.kept.shared.Masking.cut(reason, MAX_REASON); // never half a number the reader's mask would miss
    }

    /** Asks for more than {@code other} (or there is no other). */
    boolean above(PendingRule other) {
        return other == null || level > other.level;
    }
}
