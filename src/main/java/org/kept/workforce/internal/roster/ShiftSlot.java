package org.kept.workforce.internal.roster;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;
import java.time.LocalDate;
import org.kept.workforce.Skill;

/**
 * One shift to be worked (a seat for a skill on a day, with its break placed), and the agent who works it. Times are
 * minutes since the start of the planning period. Left unassigned, the requirement it was cut for goes uncovered.
 */
@PlanningEntity
public class ShiftSlot {

    @PlanningId
    private long id;
    private LocalDate day;
    private ShiftType type;
    private Skill skill;
    private long start;
    private long end;
    private long breakStart;
    private int week;
    private boolean weekend;
    private boolean holiday;
    /** How many agent-intervals of requirement this slot covers: what leaving it empty costs. */
    private int value;

    @PlanningVariable(allowsUnassigned = true)
    private RosterAgent agent;

    public ShiftSlot() {
    }

    public ShiftSlot(long id, LocalDate day, ShiftType type, Skill skill, long start, long breakStart, int week,
                     boolean weekend, boolean holiday, int value) {
        this.id = id;
        this.day = day;
        this.type = type;
        this.skill = skill;
        this.start = start;
        this.end = start + type.spanMinutes;
        this.breakStart = breakStart;
        this.week = week;
        this.weekend = weekend;
        this.holiday = holiday;
        this.value = value;
    }

    public long getId() {
        return id;
    }

    public LocalDate getDay() {
        return day;
    }

    public ShiftType getType() {
        return type;
    }

    public Skill getSkill() {
        return skill;
    }

    public long getStart() {
        return start;
    }

    public long getEnd() {
        return end;
    }

    public long getBreakStart() {
        return breakStart;
    }

    public long getBreakEnd() {
        return breakStart + type.breakMinutes;
    }

    public int getWeek() {
        return week;
    }

    public boolean isWeekend() {
        return weekend;
    }

    public boolean isHoliday() {
        return holiday;
    }

    public boolean isNight() {
        return type.isNight();
    }

    public int getValue() {
        return value;
    }

    public int getWorkMinutes() {
        return type.workMinutes();
    }

    public RosterAgent getAgent() {
        return agent;
    }

    public void setAgent(RosterAgent agent) {
        this.agent = agent;
    }

    /** Whether the agent is at work (not on break) at a minute of the period. */
    public boolean works(long minute) {
        return minute >= start && minute < end && !(minute >= breakStart && minute < getBreakEnd());
    }

    @Override
    public String toString() {
        return day + " " + type + " " + skill + " " + agent;
    }
}
