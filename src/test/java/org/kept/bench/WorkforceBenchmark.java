package org.kept.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kept.workforce.RosterScenario;
import org.kept.workforce.internal.ErlangA;
import org.kept.workforce.internal.ErlangC;
import org.kept.workforce.internal.Staffing;
import org.kept.workforce.internal.roster.Coverage;
import org.kept.workforce.internal.roster.Limits;
import org.kept.workforce.internal.roster.Requirement;
import org.kept.workforce.internal.roster.RosterAgent;
import org.kept.workforce.internal.roster.RosterPlan;
import org.kept.workforce.internal.roster.RosterRules;
import org.kept.workforce.internal.roster.RosterSolver;
import org.kept.workforce.internal.roster.ShiftSlot;
import org.kept.workforce.internal.roster.SlotPlanner;

/**
 * Workforce benchmarks, a bounded driver run by hand (never by surefire):
 * <pre>
 *   java -cp $CP org.kept.bench.WorkforceBenchmark erlang          # Erlang C / A timings, 5,000 agents
 *   java -cp $CP org.kept.bench.WorkforceBenchmark roster [seconds] # 4 weeks, 100 agents, 15-minute requirement
 * </pre>
 */
public final class WorkforceBenchmark {

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "erlang";
        if (what.equals("erlang")) {
            erlang();
        } else {
            roster(args.length > 1 ? Integer.parseInt(args[1]) : 55);
        }
    }

    static double sink;

    static void erlang() {
        // evaluating 5,000 agents offered 4,900 erlangs (one Erlang B recursion of 5,000 steps)
        time("Erlang C, evaluate 5,000 agents", 20_000, () -> sink += ErlangC.evaluate(5000, 4900, 180, 20).serviceLevel());
        // searching the agents for 80 % in 20 s at 4,900 erlangs (answer just above 4,900)
        Staffing.Load load = new Staffing.Load(49_000, 1800, 180, 20, 1);
        time("Erlang C, search agents for 4,900 erlangs", 5_000, () -> sink += Staffing.required(load, 0.8, null, 0.3).agents());
        time("Erlang A, 5,000 agents, 120 s patience", 200,
                () -> sink += ErlangA.evaluate(4900.0 / 180, 180, 120, 5000, 20).serviceLevel());
        time("Erlang A, 14 agents (the worked example)", 20_000,
                () -> sink += ErlangA.evaluate(100.0 / 1800, 180, 120, 14, 20).serviceLevel());
        System.out.println("(sink " + sink + ")");
    }

    static void time(String name, int runs, Runnable r) {
        for (int i = 0; i < runs; i++) {
            r.run(); // warm-up
        }
        long[] ns = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            r.run();
            ns[i] = System.nanoTime() - t;
        }
        Arrays.sort(ns);
        System.out.printf("%-45s median %8.1f µs  p99 %8.1f µs  max %8.1f µs  (%d runs)%n", name, ns[runs / 2] / 1e3,
                ns[(int) (runs * 0.99)] / 1e3, ns[runs - 1] / 1e3, runs);
    }

    static void roster(int seconds) {
        int days = 28;
        Requirement requirement = RosterScenario.requirement(days, 15, 1.0);
        List<RosterAgent> agents = RosterScenario.agents(100, days, 1);
        long t0 = System.nanoTime();
        List<ShiftSlot> slots = SlotPlanner.slots(requirement, Set.of(), Map.of());
        long planned = System.nanoTime();
        RosterPlan plan = new RosterPlan(agents, slots, Limits.of(RosterRules.defaults(), days), days);
        RosterPlan solved = RosterSolver.solve(plan, Duration.ofSeconds(seconds), null, null);
        long done = System.nanoTime();
        long assigned = solved.getSlots().stream().filter(s -> s.getAgent() != null).count();
        Coverage coverage = Coverage.of(requirement, solved.getSlots());
        int[] need = requirement.total();
        long needMinutes = Arrays.stream(need).asLongStream().sum() * 15;
        System.out.printf("requirement: %d intervals of 15 min, %,d agent-hours; %d agents%n", requirement.intervals(),
                needMinutes / 60, agents.size());
        System.out.printf("slots cut: %d in %.0f ms; assigned %d (%.1f %%)%n", slots.size(), (planned - t0) / 1e6, assigned,
                100.0 * assigned / slots.size());
        System.out.printf("solve: %.1f s, score %s, hard violations %d%n", (done - planned) / 1e9, solved.getScore(),
                -solved.getScore().hardScore());
        System.out.printf("share of (interval, skill) pairs meeting the requirement: %.3f%n", coverage.shareMet());
        int[] total = coverage.total();
        int met = 0;
        int counted = 0;
        for (int i = 0; i < need.length; i++) {
            if (need[i] > 0) {
                counted++;
                if (total[i] >= need[i]) {
                    met++;
                }
            }
        }
        System.out.printf("share of intervals meeting the total requirement: %.3f%n", (double) met / counted);
    }
}
