package org.kept.workforce.internal;

import java.util.EnumMap;
import java.util.Map;
import org.kept.workforce.Skill;

/**
 * How the forecast becomes agents: per skill a handle time, a target answer time and service level, and how many
 * contacts an agent takes at once (chat); then an optional occupancy cap. Shrinkage is applied by the roster, not
 * here: requirements are agents on the phones. Written after-sales work is deferred, so it is workload
 * (contacts × handle time / interval), not Erlang C.
 */
public record StaffingSettings(Map<Skill, Target> targets, Double maxOccupancy) {

    /** Defaults: hotline 180 s, 80 % in 20 s; chat 480 s, 3 at once, 80 % in 60 s; after-sales 300 s of work. */
    public static StaffingSettings defaults() {
        return withHotline(180, 20, 0.8, null);
    }

    public static StaffingSettings withHotline(double aht, double target, double serviceLevel, Double maxOccupancy) {
        Map<Skill, Target> t = new EnumMap<>(Skill.class);
        t.put(Skill.HOTLINE, new Target(aht, target, serviceLevel, 1, true));
        t.put(Skill.CHAT, new Target(480, 60, 0.8, 3, true));
        t.put(Skill.AFTER_SALES, new Target(300, 0, 0, 1, false));
        return new StaffingSettings(t, maxOccupancy);
    }

    /** Agents needed in one 30-minute interval for {@code contacts} of this skill. */
    public int agents(Skill skill, double contacts) {
        Target t = targets.get(skill);
        if (t == null || contacts <= 0) {
            return 0;
        }
        Staffing.Load load = new Staffing.Load(contacts, 1800, t.ahtSeconds(), t.targetSeconds(), t.concurrency());
        if (!t.queued()) {
            return (int) Math.ceil(load.traffic() - 1e-9);
        }
        return Staffing.required(load, t.serviceLevel(), maxOccupancy, 0).agents();
    }

    public record Target(double ahtSeconds, double targetSeconds, double serviceLevel, int concurrency, boolean queued) {
    }
}
