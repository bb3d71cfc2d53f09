package org.kept.workforce.internal.roster;

import static ai.timefold.solver.core.api.score.stream.ConstraintCollectors.count;
import static ai.timefold.solver.core.api.score.stream.ConstraintCollectors.sum;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;
import ai.timefold.solver.core.api.score.stream.Joiners;

/**
 * Hard: law and ability (skill, availability, rest between shifts, a rest day a week, weekly and period hours).
 * Medium: coverage (every empty slot is requirement nobody answers). Soft: fairness of nights, weekends and
 * holidays (squared counts spread them), preferences, and overtime kept as the last resort.
 */
public class RosterConstraints implements ConstraintProvider {

    @Override
    public Constraint[] defineConstraints(ConstraintFactory f) {
        return new Constraint[] {
                skill(f), unavailable(f), restBetweenShifts(f), restDayEachWeek(f), weeklyHours(f), periodHours(f),
                coverage(f),
                fairNights(f), fairWeekends(f), fairHolidays(f), dayOffWish(f), preferredShift(f), overtime(f)};
    }

    Constraint skill(ConstraintFactory f) {
        return f.forEach(ShiftSlot.class).filter(s -> !s.getAgent().has(s.getSkill()))
                .penalize(HardMediumSoftScore.ONE_HARD).asConstraint("skill");
    }

    Constraint unavailable(ConstraintFactory f) {
        return f.forEach(ShiftSlot.class).filter(s -> s.getAgent().unavailable().contains(s.getDay()))
                .penalize(HardMediumSoftScore.ONE_HARD).asConstraint("unavailable");
    }

    /** Two shifts of one person closer than the minimum rest (or overlapping). */
    Constraint restBetweenShifts(ConstraintFactory f) {
        return f.forEach(ShiftSlot.class)
                .join(f.forEach(ShiftSlot.class), Joiners.equal(ShiftSlot::getAgent), Joiners.lessThan(ShiftSlot::getId))
                .join(Limits.class)
                .filter((a, b, l) -> a.getStart() < b.getEnd() + l.minRestMinutes() && b.getStart() < a.getEnd() + l.minRestMinutes())
                .penalize(HardMediumSoftScore.ONE_HARD).asConstraint("rest between shifts");
    }

    Constraint restDayEachWeek(ConstraintFactory f) {
        return f.forEach(ShiftSlot.class)
                .groupBy(ShiftSlot::getAgent, ShiftSlot::getWeek, count())
                .join(Limits.class)
                .filter((agent, week, days, l) -> days > l.maxWorkDaysPerWeek())
                .penalize(HardMediumSoftScore.ONE_HARD, (agent, week, days, l) -> days - l.maxWorkDaysPerWeek())
                .asConstraint("rest day each week");
    }

    Constraint weeklyHours(ConstraintFactory f) {
        return f.forEach(ShiftSlot.class)
                .groupBy(ShiftSlot::getAgent, ShiftSlot::getWeek, sum(ShiftSlot::getWorkMinutes))
                .join(Limits.class)
                .filter((agent, week, minutes, l) -> minutes > l.maxWeekMinutes())
                .penalize(HardMediumSoftScore.ONE_HARD, (agent, week, minutes, l) -> (minutes - l.maxWeekMinutes() + 59) / 60)
                .asConstraint("weekly hours");
    }

    /** Overtime over the period at most the monthly cap, prorated. */
    Constraint periodHours(ConstraintFactory f) {
        return f.forEach(ShiftSlot.class)
                .groupBy(ShiftSlot::getAgent, sum(ShiftSlot::getWorkMinutes))
                .join(Limits.class)
                .filter((agent, minutes, l) -> minutes > l.maxPeriodMinutes())
                .penalize(HardMediumSoftScore.ONE_HARD, (agent, minutes, l) -> (minutes - l.maxPeriodMinutes() + 59) / 60)
                .asConstraint("overtime cap");
    }

    Constraint coverage(ConstraintFactory f) {
        return f.forEachIncludingUnassigned(ShiftSlot.class).filter(s -> s.getAgent() == null)
                .penalize(HardMediumSoftScore.ONE_MEDIUM, ShiftSlot::getValue).asConstraint("coverage");
    }

    Constraint fairNights(ConstraintFactory f) {
        return f.forEach(ShiftSlot.class).filter(ShiftSlot::isNight)
                .groupBy(ShiftSlot::getAgent, count())
                .penalize(HardMediumSoftScore.ONE_SOFT, (agent, n) -> 60 * n * n).asConstraint("fair nights");
    }

    Constraint fairWeekends(ConstraintFactory f) {
        return f.forEach(ShiftSlot.class).filter(ShiftSlot::isWeekend)
                .groupBy(ShiftSlot::getAgent, count())
                .penalize(HardMediumSoftScore.ONE_SOFT, (agent, n) -> 30 * n * n).asConstraint("fair weekends");
    }

    Constraint fairHolidays(ConstraintFactory f) {
        return f.forEach(ShiftSlot.class).filter(ShiftSlot::isHoliday)
                .groupBy(ShiftSlot::getAgent, count())
                .penalize(HardMediumSoftScore.ONE_SOFT, (agent, n) -> 60 * n * n).asConstraint("fair holidays");
    }

    Constraint dayOffWish(ConstraintFactory f) {
        return f.forEach(ShiftSlot.class).filter(s -> s.getAgent().preferOff().contains(s.getDay()))
                .penalize(HardMediumSoftScore.ONE_SOFT, s -> 240).asConstraint("day off wish");
    }

    Constraint preferredShift(ConstraintFactory f) {
        return f.forEach(ShiftSlot.class).filter(s -> {
                    ShiftType wish = s.getAgent().preferred().get(s.getDay());
                    return wish != null && wish != s.getType();
                })
                .penalize(HardMediumSoftScore.ONE_SOFT, s -> 120).asConstraint("preferred shift");
    }

    /** Hours beyond the 40-hour week, one soft point a minute: call people in only where coverage needs it. */
    Constraint overtime(ConstraintFactory f) {
        return f.forEach(ShiftSlot.class)
                .groupBy(ShiftSlot::getAgent, ShiftSlot::getWeek, sum(ShiftSlot::getWorkMinutes))
                .join(Limits.class)
                .filter((agent, week, minutes, l) -> minutes > l.standardWeekMinutes())
                .penalize(HardMediumSoftScore.ONE_SOFT, (agent, week, minutes, l) -> minutes - l.standardWeekMinutes())
                .asConstraint("overtime");
    }
}
