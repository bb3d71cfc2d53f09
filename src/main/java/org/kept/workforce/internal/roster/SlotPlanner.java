package org.kept.workforce.internal.roster;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kept.workforce.Skill;

/**
 * Cuts the requirement into shift slots, greedily: each round adds the shift (day × type) that covers the most
 * still-uncovered agent-intervals, and places its meal break where cover is most plentiful at that moment, so
 * breaks are staggered and the lunch peak keeps its agents. Stops when no shift would cover at least a fraction of
 * its own length (a sixteenth), or at the cap (the most shifts the people could work).
 */
public final class SlotPlanner {

    /** A shift is cut while it would cover at least 1/MIN_USE of its length; the solver leaves the weakest unfilled. */
    private static final int MIN_USE = 16;

    private SlotPlanner() {
    }

    public static List<ShiftSlot> slots(Requirement requirement, Set<LocalDate> holidays, Map<Skill, Integer> maxSlots) {
        List<ShiftSlot> slots = new ArrayList<>();
        long[] id = {1};
        requirement.agents().forEach((skill, need) -> {
            int[] deficit = need.clone();
            int cap = maxSlots.getOrDefault(skill, Integer.MAX_VALUE);
            int made = 0;
            while (made < cap) {
                Pick best = null;
                for (int d = 0; d < requirement.days(); d++) {
                    for (ShiftType type : ShiftType.values()) {
                        Pick p = evaluate(requirement, deficit, d, type);
                        if (p != null && (best == null || p.gain > best.gain)) {
                            best = p;
                        }
                    }
                }
                if (best == null || best.gain * MIN_USE < best.type.workMinutes() / requirement.stepMinutes()) {
                    break;
                }
                apply(requirement, deficit, best);
                LocalDate day = requirement.start().plusDays(best.day);
                DayOfWeek dow = day.getDayOfWeek();
                long start = best.day * 1440L + best.type.startMinute;
                slots.add(new ShiftSlot(id[0]++, day, best.type, skill, start, best.breakStart, best.day / 7,
                        dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY, holidays.contains(day), best.gain));
                made++;
            }
        });
        return slots;
    }

    private record Pick(int day, ShiftType type, long breakStart, int gain) {
    }

    private static Pick evaluate(Requirement r, int[] deficit, int day, ShiftType type) {
        int step = r.stepMinutes();
        long start = day * 1440L + type.startMinute;
        long end = Math.min(start + type.spanMinutes, r.days() * 1440L);
        if (start >= end) {
            return null;
        }
        // the break goes where the remaining need is lowest (most cover to spare), earliest on ties
        long bestBreak = -1;
        int bestBreakNeed = Integer.MAX_VALUE;
        for (int offset = type.breakEarliest; offset <= type.breakLatest; offset += step) {
            long b = start + offset;
            int needThere = 0;
            for (long m = b; m < b + type.breakMinutes && m < end; m += step) {
                needThere += Math.max(0, deficit[(int) (m / step)]);
            }
            if (needThere < bestBreakNeed) {
                bestBreakNeed = needThere;
                bestBreak = b;
            }
        }
        int gain = 0;
        for (long m = start; m < end; m += step) {
            if (m >= bestBreak && m < bestBreak + type.breakMinutes) {
                continue;
            }
            if (deficit[(int) (m / step)] > 0) {
                gain++;
            }
        }
        return new Pick(day, type, bestBreak, gain);
    }

    private static void apply(Requirement r, int[] deficit, Pick p) {
        int step = r.stepMinutes();
        long start = p.day * 1440L + p.type.startMinute;
        long end = Math.min(start + p.type.spanMinutes, r.days() * 1440L);
        for (long m = start; m < end; m += step) {
            if (m >= p.breakStart && m < p.breakStart + p.type.breakMinutes) {
                continue;
            }
            deficit[(int) (m / step)]--;
        }
    }
}
