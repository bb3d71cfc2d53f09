package org.kept.workforce;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.kept.workforce.internal.roster.Requirement;
import org.kept.workforce.internal.roster.RosterAgent;
import org.kept.workforce.internal.roster.ShiftType;

/**
 * A synthetic centre for roster tests and the benchmark: a 24-hour hotline with a lunch and an after-work peak, chat
 * in the day and evening, after-sales and complaints in office hours, and agents with one or two skills, some days
 * off asked for and some preferences. Sized so the people can cover roughly the requirement.
 */
public final class RosterScenario {

    public static final LocalDate START = LocalDate.of(2027, 3, 1); // a Monday

    private RosterScenario() {
    }

    /** Requirement per interval; {@code scale} 1.0 suits 100 agents. */
    public static Requirement requirement(int days, int step, double scale) {
        int n = days * 1440 / step;
        Map<Skill, int[]> need = new EnumMap<>(Skill.class);
        for (Skill s : Skill.values()) {
            need.put(s, new int[n]);
        }
        for (int i = 0; i < n; i++) {
            double hour = (i * step % 1440) / 60.0;
            int dow = (i * step / 1440) % 7;
            double weekend = dow >= 5 ? 0.7 : 1.0;
            double hotline = hour < 8 ? 4 : 10 + 9 * Math.exp(-Math.pow(hour - 12, 2) / 2) + 6 * Math.exp(-Math.pow(hour - 19.5, 2) / 2);
            if (hour >= 22) {
                hotline = 5;
            }
            double chat = hour >= 8 && hour < 23 ? 4 + 3 * Math.exp(-Math.pow(hour - 20, 2) / 3) : 0;
            double office = hour >= 9 && hour < 18 ? 1 : 0;
            need.get(Skill.HOTLINE)[i] = (int) Math.round(hotline * weekend * scale);
            need.get(Skill.CHAT)[i] = (int) Math.round(chat * weekend * scale);
            need.get(Skill.AFTER_SALES)[i] = (int) Math.round(3 * office * weekend * scale);
            need.get(Skill.COMPLAINTS)[i] = (int) Math.round(1 * office * scale);
        }
        return new Requirement(START, days, step, need);
    }

    public static List<RosterAgent> agents(int count, int days, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<RosterAgent> agents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Set<Skill> skills = EnumSet.noneOf(Skill.class);
            int kind = i % 20;
            if (kind < 12) {
                skills.add(Skill.HOTLINE);
                if (kind < 4) {
                    skills.add(Skill.CHAT);
                }
            } else if (kind < 16) {
                skills.add(Skill.CHAT);
                if (kind == 15) {
                    skills.add(Skill.HOTLINE);
                }
            } else if (kind < 19) {
                skills.add(Skill.AFTER_SALES);
                skills.add(Skill.HOTLINE);
            } else {
                skills.add(Skill.COMPLAINTS);
                skills.add(Skill.HOTLINE);
            }
            Set<LocalDate> unavailable = new HashSet<>();
            Set<LocalDate> preferOff = new HashSet<>();
            Map<LocalDate, ShiftType> preferred = new HashMap<>();
            if (random.nextInt(10) == 0) {
                unavailable.add(START.plusDays(random.nextInt(days)));
            }
            if (random.nextInt(4) == 0) {
                preferOff.add(START.plusDays(random.nextInt(days)));
            }
            if (random.nextInt(5) == 0) {
                preferred.put(START.plusDays(random.nextInt(days)), ShiftType.EARLY);
            }
            agents.add(new RosterAgent(i + 1, "agent-" + (i + 1), skills, unavailable, preferOff, preferred));
        }
        return agents;
    }
}
