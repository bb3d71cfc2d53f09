package org.kept.workforce.internal.roster;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.kept.workforce.Skill;

/** Agents at work (not on break) per interval and skill against the requirement. */
public record Coverage(Requirement requirement, Map<Skill, int[]> scheduled) {

    public static Coverage of(Requirement requirement, List<ShiftSlot> slots) {
        Map<Skill, int[]> scheduled = new EnumMap<>(Skill.class);
        requirement.agents().keySet().forEach(s -> scheduled.put(s, new int[requirement.intervals()]));
        int step = requirement.stepMinutes();
        for (ShiftSlot slot : slots) {
            if (slot.getAgent() == null) {
                continue;
            }
            int[] at = scheduled.computeIfAbsent(slot.getSkill(), s -> new int[requirement.intervals()]);
            for (long m = slot.getStart(); m < slot.getEnd() && m / step < at.length; m += step) {
                if (slot.works(m)) {
                    at[(int) (m / step)]++;
                }
            }
        }
        return new Coverage(requirement, scheduled);
    }

    /** Sum over skills. */
    public int[] total() {
        int[] t = new int[requirement.intervals()];
        scheduled.values().forEach(a -> {
            for (int i = 0; i < t.length; i++) {
                t[i] += a[i];
            }
        });
        return t;
    }

    /** Share of (interval, skill) pairs with a requirement where at least that many agents are at work. */
    public double shareMet() {
        int needed = 0;
        int met = 0;
        for (Map.Entry<Skill, int[]> e : requirement.agents().entrySet()) {
            int[] have = scheduled.get(e.getKey());
            for (int i = 0; i < e.getValue().length; i++) {
                if (e.getValue()[i] > 0) {
                    needed++;
                    if (have[i] >= e.getValue()[i]) {
                        met++;
                    }
                }
            }
        }
        return needed == 0 ? 1.0 : (double) met / needed;
    }

    /** Whether interval i (all skills) is short of its requirement. */
    public boolean under(int interval) {
        for (Map.Entry<Skill, int[]> e : requirement.agents().entrySet()) {
            if (scheduled.get(e.getKey())[interval] < e.getValue()[interval]) {
                return true;
            }
        }
        return false;
    }
}
