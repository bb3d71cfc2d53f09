package org.kept.workforce.internal.roster;

/** The rules turned into numbers for one planning period (a problem fact the constraints join). */
public record Limits(int minRestMinutes, int maxWorkDaysPerWeek, int standardWeekMinutes, int maxWeekMinutes,
                     int maxPeriodMinutes) {

    public static Limits of(RosterRules rules, int days) {
        return new Limits(rules.minRestMinutes(), rules.maxWorkDaysPerWeek(), rules.standardWeekMinutes(),
                rules.maxWeekMinutes(), rules.maxPeriodMinutes(days));
    }
}
