package org.kept.workforce.internal.roster;

/**
 * The centre's shift types. Day shifts are 8 hours of work plus a 30-minute meal (8 h/day standard); the 12-hour
 * night has a 1-hour break and 11 hours of work, which Chinese law allows under the comprehensive working-hours
 * system (综合计算工时制) that 24-hour centres use; its hours count against the weekly and period limits like any.
 * The meal break may start anywhere in its window; the slot planner staggers it.
 */
public enum ShiftType {
    EARLY(7 * 60, 510, 30, 180, 330),
    DAY(9 * 60, 510, 30, 150, 300),
    LATE(12 * 60, 510, 30, 150, 330),
    EVENING(15 * 60 + 30, 510, 30, 150, 330),
    NIGHT(20 * 60, 720, 60, 240, 480);

    /** Start as minutes after midnight, span with the break, break length, earliest and latest break start after the start. */
    public final int startMinute;
    public final int spanMinutes;
    public final int breakMinutes;
    public final int breakEarliest;
    public final int breakLatest;

    ShiftType(int startMinute, int spanMinutes, int breakMinutes, int breakEarliest, int breakLatest) {
        this.startMinute = startMinute;
        this.spanMinutes = spanMinutes;
        this.breakMinutes = breakMinutes;
        this.breakEarliest = breakEarliest;
        this.breakLatest = breakLatest;
    }

    public int workMinutes() {
        return spanMinutes - breakMinutes;
    }

    public boolean isNight() {
        return this == NIGHT;
    }
}
