package org.kept.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.kept.workforce.internal.roster.Coverage;
import org.kept.workforce.internal.roster.Limits;
import org.kept.workforce.internal.roster.Requirement;
import org.kept.workforce.internal.roster.RosterAgent;
import org.kept.workforce.internal.roster.RosterPlan;
import org.kept.workforce.internal.roster.RosterRules;
import org.kept.workforce.internal.roster.RosterSolver;
import org.kept.workforce.internal.roster.ShiftSlot;
import org.kept.workforce.internal.roster.ShiftType;
import org.kept.workforce.internal.roster.SlotPlanner;

/** Rosters from Timefold: no hard violation, checked here independently of the solver's own score. */
class RosterSolverTest {

    static RosterPlan plan(int agents, int days, int step, double scale) {
        Requirement requirement = RosterScenario.requirement(days, step, scale);
        List<RosterAgent> people = RosterScenario.agents(agents, days, 1);
        List<ShiftSlot> slots = SlotPlanner.slots(requirement, Set.of(), Map.of());
        return new RosterPlan(people, slots, Limits.of(RosterRules.defaults(), days), days);
    }

    /** Checks every hard rule by hand on the solved roster. */
    static void assertLawful(RosterPlan solved) {
        RosterRules rules = RosterRules.defaults();
        Map<RosterAgent, List<ShiftSlot>> byAgent = solved.getSlots().stream().filter(s -> s.getAgent() != null)
                .collect(Collectors.groupingBy(ShiftSlot::getAgent));
        byAgent.forEach((agent, shifts) -> {
            List<ShiftSlot> sorted = new ArrayList<>(shifts);
            sorted.sort(Comparator.comparingLong(ShiftSlot::getStart));
            for (int i = 1; i < sorted.size(); i++) {
                assertThat(sorted.get(i).getStart() - sorted.get(i - 1).getEnd()).as(agent + " rest").isGreaterThanOrEqualTo(rules.minRestMinutes());
            }
            Map<Integer, List<ShiftSlot>> weeks = shifts.stream().collect(Collectors.groupingBy(ShiftSlot::getWeek));
            weeks.forEach((w, ws) -> {
                assertThat(ws.size()).as(agent + " rest day in week " + w).isLessThanOrEqualTo(6);
                assertThat(ws.stream().mapToInt(ShiftSlot::getWorkMinutes).sum()).as(agent + " hours in week " + w)
                        .isLessThanOrEqualTo(rules.maxWeekMinutes());
            });
            assertThat(shifts.stream().mapToInt(ShiftSlot::getWorkMinutes).sum()).isLessThanOrEqualTo(rules.maxPeriodMinutes(solved.getDays()));
            shifts.forEach(s -> {
                assertThat(agent.has(s.getSkill())).as(s + " skill").isTrue();
                assertThat(agent.unavailable()).as(s + " availability").doesNotContain(s.getDay());
            });
        });
    }

    @Test
    void aRosterShorterThanAWeekStillAllowsAFullShift() {
        RosterRules rules = RosterRules.defaults();
        // prorated to one day the cap was 6.9 h: no 8-hour shift fitted, and a one-day roster stayed empty
        for (int days = 1; days <= 7; days++) {
            assertThat(rules.maxPeriodMinutes(days)).as(days + " days").isGreaterThanOrEqualTo(rules.maxWeekMinutes());
        }
        assertThat(rules.maxPeriodMinutes(28)).isEqualTo(4 * 2400 + 2160 * 28 / 30);
        RosterPlan solved = RosterSolver.solve(plan(6, 1, 30, 0.22), Duration.ofSeconds(2), Duration.ofSeconds(1), null);
        assertLawful(solved);
        assertThat(solved.getSlots()).anyMatch(s -> s.getAgent() != null);
    }

    @Test
    void aSmallWeekIsLawfulAndCoversMostOfTheRequirement() {
        RosterPlan solved = RosterSolver.solve(plan(24, 7, 30, 0.22), Duration.ofSeconds(4), Duration.ofSeconds(2), null);
        assertThat(solved.getScore().hardScore()).isZero();
        assertLawful(solved);
        Coverage coverage = Coverage.of(RosterScenario.requirement(7, 30, 0.22), solved.getSlots());
        assertThat(coverage.shareMet()).isGreaterThan(0.6);
        // meal breaks are staggered: at the lunch peak not everyone on an early or day shift is away at once
        Map<Long, Integer> breaksAt = new HashMap<>();
        solved.getSlots().stream().filter(s -> s.getAgent() != null && s.getType() != ShiftType.NIGHT)
                .forEach(s -> breaksAt.merge(s.getBreakStart() % 1440, 1, Integer::sum));
        assertThat(breaksAt.size()).isGreaterThan(2);
    }

    @Test
    void nightsAreSharedFairly() {
        RosterPlan solved = RosterSolver.solve(plan(24, 7, 30, 0.22), Duration.ofSeconds(4), Duration.ofSeconds(2), null);
        Map<RosterAgent, Long> nights = solved.getSlots().stream().filter(s -> s.getAgent() != null && s.isNight())
                .collect(Collectors.groupingBy(ShiftSlot::getAgent, Collectors.counting()));
        assertThat(nights.values().stream().mapToLong(Long::longValue).max().orElse(0)).isLessThanOrEqualTo(3);
    }

    /** The realistic month: 40 agents, four weeks, 30-minute requirement, bounded at 25 seconds. */
    @Test
    void aRealisticMonthHasNoHardViolation() {
        RosterPlan solved = RosterSolver.solve(plan(40, 28, 30, 0.38), Duration.ofSeconds(25), Duration.ofSeconds(6), null);
        assertThat(solved.getScore().hardScore()).isZero();
        assertLawful(solved);
        assertThat(Coverage.of(RosterScenario.requirement(28, 30, 0.38), solved.getSlots()).shareMet()).isGreaterThan(0.5);
    }
}
