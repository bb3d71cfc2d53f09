package org.kept.workforce.internal.roster;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import org.kept.workforce.Skill;

/**
 * Agents needed per interval of a planning period, per skill: {@code agents.get(skill)[i]} for the interval starting
 * {@code i × stepMinutes} minutes after midnight of {@code start} (centre time).
 */
public record Requirement(LocalDate start, int days, int stepMinutes, Map<Skill, int[]> agents) {

    public Requirement {
        if (1440 % stepMinutes != 0) {
            throw new IllegalArgumentException("step must divide a day");
        }
        Map<Skill, int[]> copy = new EnumMap<>(Skill.class);
        agents.forEach((skill, a) -> {
            if (a.length != intervals(days, stepMinutes)) {
                throw new IllegalArgumentException("requirement for " + skill + " has " + a.length + " intervals");
            }
            copy.put(skill, a.clone());
        });
        agents = copy;
    }

    static int intervals(int days, int stepMinutes) {
        return days * 1440 / stepMinutes;
    }

    public int intervals() {
        return intervals(days, stepMinutes);
    }

    /** Sum over skills. */
    public int[] total() {
        int[] t = new int[intervals()];
        agents.values().forEach(a -> {
            for (int i = 0; i < t.length; i++) {
                t[i] += a[i];
            }
        });
        return t;
    }
}
