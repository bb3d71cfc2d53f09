package org.kept.sla.internal;

import java.util.List;

/**
 * The policies that apply to a ticket. The baseline is the first match ignoring tier-specific policies: what every
 * customer gets. The tiered match may only tighten it: deadlines are computed under both and the earlier one counts.
 */
record PolicyMatch(Policy baseline, Policy tiered) {

    static PolicyMatch of(List<Policy> ordered, Policy.Facts facts) {
        Policy baseline = ordered.stream().filter(p -> p.matches(facts, false)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no fallback SLA policy"));
        Policy tiered = ordered.stream().filter(p -> p.matches(facts, true)).findFirst().orElse(baseline);
        return new PolicyMatch(baseline, tiered);
    }

    List<Policy> both() {
        return baseline.id() == tiered.id() ? List.of(baseline) : List.of(baseline, tiered);
    }
}
