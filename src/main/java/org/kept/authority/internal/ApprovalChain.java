package org.kept.authority.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The chain an exception request climbs, computed from the limits: the ladder's levels in order, leaving out the
 * requester's own role and levels with nobody to decide, up to and including the first level whose role's limit
 * covers the amount (given what the agent and the customer have had already). Empty when no level covers it.
 */
final class ApprovalChain {

    private ApprovalChain() {
    }

    static List<Level> compute(List<Level> ladder, String requesterRole, Function<String, Optional<Limit>> limitOfRole,
                               Predicate<Level> hasApprovers, long amount, Limit.Totals totals) {
        List<Level> chain = new ArrayList<>();
        for (Level level : ladder) {
            if (level.role().equals(requesterRole) || !hasApprovers.test(level)) {
                continue;
            }
            chain.add(level);
            if (limitOfRole.apply(level.role()).map(l -> l.covers(amount, totals)).orElse(false)) {
                return List.copyOf(chain);
            }
        }
        return List.of();
    }
}
