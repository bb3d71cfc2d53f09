package org.kept.workforce.internal.roster;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.ProblemFactProperty;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import java.util.List;

/** The roster as Timefold sees it: agents (the values), shift slots (the entities), the rules, and the score. */
@PlanningSolution
public class RosterPlan {

    @ProblemFactCollectionProperty
    @ValueRangeProvider
    private List<RosterAgent> agents;

    @PlanningEntityCollectionProperty
    private List<ShiftSlot> slots;

    @ProblemFactProperty
    private Limits limits;

    private int days;

    @PlanningScore
    private HardMediumSoftScore score;

    public RosterPlan() {
    }

    public RosterPlan(List<RosterAgent> agents, List<ShiftSlot> slots, Limits limits, int days) {
        this.agents = agents;
        this.slots = slots;
        this.limits = limits;
        this.days = days;
    }

    public List<RosterAgent> getAgents() {
        return agents;
    }

    public List<ShiftSlot> getSlots() {
        return slots;
    }

    public Limits getLimits() {
        return limits;
    }

    public int getDays() {
        return days;
    }

    public HardMediumSoftScore getScore() {
        return score;
    }

    public void setScore(HardMediumSoftScore score) {
        this.score = score;
    }
}
