package org.kept.sla.internal;

import java.util.List;

/** The escalation ladder in level order (0, 1, 2 …), changed as one list; {@code version} guards that change. */
public record EscalationTiers(List<EscalationTier> tiers, int version) {

    public EscalationTiers {
        tiers = List.copyOf(tiers);
    }

    /** The highest level: escalating from there tells the leads instead of moving the ticket. */
    public int top() {
        return tiers.size() - 1;
    }

    public EscalationTier at(int level) {
        return tiers.get(level);
    }
}
