package org.kept.workforce.internal.roster;

/**
 * Working-time rules, defaulting to Chinese labour law: 8 h a day and 40 h a week standard, at least one rest day
 * a week, overtime at most 36 h a month (prorated over the planning period), and 11 h rest between shifts.
 * A week may carry at most {@code maxWeekMinutes} (40 h + 8 h overtime) so no week takes the month's overtime at once.
 */
public record RosterRules(int minRestMinutes, int maxWorkDaysPerWeek, int standardWeekMinutes, int maxWeekMinutes,
                          int overtimeMonthMinutes) {

    public static RosterRules defaults() {
        return new RosterRules(11 * 60, 6, 40 * 60, 48 * 60, 36 * 60);
    }

    /** Most minutes one person may work over a period of {@code days}: standard hours plus prorated overtime. */
    public int maxPeriodMinutes(int days) {
        return (int) Math.floor(standardWeekMinutes * days / 7.0 + overtimeMonthMinutes * days / 30.0);
    }
}
