package org.kept.workforce.internal.roster;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoft.HardMediumSoftScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Builds Timefold's solver by hand (no Spring Boot starter): the roster model, its constraints, a time limit and,
 * for reproducible tests, a fixed seed. Solving blocks; callers run it on their own thread.
 */
public final class RosterSolver {

    private RosterSolver() {
    }

    public static SolverFactory<RosterPlan> factory(Duration limit, Duration unimproved) {
        SolverConfig config = new SolverConfig()
                .withSolutionClass(RosterPlan.class)
                .withEntityClasses(ShiftSlot.class)
                .withConstraintProviderClass(RosterConstraints.class)
                .withRandomSeed(42L)
                .withTerminationSpentLimit(limit);
        if (unimproved != null) {
            config.withTerminationUnimprovedSpentLimit(unimproved);
        }
        return SolverFactory.create(config);
    }

    /** Solves and reports each better solution's score as it is found. */
    public static RosterPlan solve(RosterPlan problem, Duration limit, Duration unimproved,
                                   Consumer<HardMediumSoftScore> onBetter) {
        Solver<RosterPlan> solver = factory(limit, unimproved).buildSolver();
        if (onBetter != null) {
            solver.addEventListener(e -> onBetter.accept((HardMediumSoftScore) e.getNewBestScore()));
        }
        return solver.solve(problem);
    }

    /** The score of a plan as it stands (e.g. to check a stored roster). */
    public static HardMediumSoftScore score(RosterPlan plan) {
        SolutionManager<RosterPlan, HardMediumSoftScore> manager = SolutionManager.create(factory(Duration.ofSeconds(1), null));
        return manager.update(plan);
    }
}
