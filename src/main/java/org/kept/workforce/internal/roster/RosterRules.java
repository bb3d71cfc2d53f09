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

    /**
     * Rules a planner chose, within the law's limits (a planner may be stricter, never looser): rest 8 to 24 hours
     * (China's practice is at least 11, the default), 1 to 6 working days a week, a week of at most 60 hours with
     * its overtime, monthly overtime 0 to 36 hours. Null keeps the default.
     */
    public static RosterRules of(Integer minRestHours, Integer maxWorkDaysPerWeek, Integer maxWeekHours,
                                 Integer overtimeMonthHours) {
        RosterRules d = defaults();
        int rest = minRestHours == null ? d.minRestMinutes() : check(minRestHours, 8, 24) * 60;
        int daysPerWeek = maxWorkDaysPerWeek == null ? d.maxWorkDaysPerWeek() : check(maxWorkDaysPerWeek, 1, 6);
        int week = maxWeekHours == null ? d.maxWeekMinutes() : check(maxWeekHours, 8, 60) * 60;
        int overtime = overtimeMonthHours == null ? d.overtimeMonthMinutes() : check(overtimeMonthHours, 0, 36) * 60;
        return new RosterRules(rest, daysPerWeek, d.standardWeekMinutes(), week, overtime);
    }

    private static int check(int value, int min, int max) {
        if (value < min || value > max) {
            throw org.kept.shared.KeptException.invalid("workforce.roster.rules");
        }
        return value;
    }

    /** As people and the API read them: {@code rest=660;days=6;week=2880;overtime=2160}. */
    public String format() {
        return "rest=" + minRestMinutes + ";days=" + maxWorkDaysPerWeek + ";week=" + maxWeekMinutes + ";overtime="
                + overtimeMonthMinutes;
    }

    /**
     * Most minutes one person may work over a period of {@code days}: standard hours plus prorated overtime. A period
     * shorter than a week counts as a week (the weekly-hours rule already bounds it): prorated to a single day the cap
     * would be below one 8-hour shift and a short roster could never be staffed.
     */
    public int maxPeriodMinutes(int days) {
        int span = Math.max(days, 7);
        return (int) Math.floor(standardWeekMinutes * span / 7.0 + overtimeMonthMinutes * span / 30.0);
    }
}
