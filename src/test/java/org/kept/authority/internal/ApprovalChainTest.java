package org.kept.authority.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The chain computed from the limits: up the ladder to the first level whose role's limit covers the amount. */
class ApprovalChainTest {

    static final Level LEAD = new Level(1, "LEAD", true, "组长", "Team lead");
    static final Level COMPLAINTS = new Level(2, "COMPLAINTS", false, "重大投诉组", "Major complaints");
    static final Level MANAGER = new Level(3, "ADMIN", false, "中心经理", "Manager");
    static final List<Level> LADDER = List.of(LEAD, COMPLAINTS, MANAGER);
    static final Map<String, Limit> LIMITS = Map.of(
            "LEAD", new Limit(1, "role:LEAD", "COMPENSATION", "CNY", 20_000, 100_000L, 50_000L),
            "COMPLAINTS", new Limit(2, "role:COMPLAINTS", "COMPENSATION", "CNY", 100_000, 500_000L, 200_000L),
            "ADMIN", new Limit(3, "role:ADMIN", "COMPENSATION", "CNY", 1_000_000, null, null));
    static final Limit.Totals NONE = new Limit.Totals(0, 0);

    static List<String> chain(String requester, long amount, Limit.Totals totals) {
        return ApprovalChain.compute(LADDER, requester, role -> Optional.ofNullable(LIMITS.get(role)), l -> true, amount, totals)
                .stream().map(Level::role).toList();
    }

    @Test
    void aSmallExceptionGoesToTheLeadAlone() {
        assertThat(chain("OUTSOURCED", 800, NONE)).containsExactly("LEAD");
    }

    @Test
    void moreThanALeadMayGrantClimbsToTheFirstLevelThatCoversIt() {
        assertThat(chain("OUTSOURCED", 30_000, NONE)).containsExactly("LEAD", "COMPLAINTS");
        assertThat(chain("AGENT", 200_000, NONE)).containsExactly("LEAD", "COMPLAINTS", "ADMIN");
    }

    @Test
    void theTotalsCountAsTheRequestersLimitsDo() {
        // within the lead's per-case limit, but the customer has had 450 yuan in 30 days: the lead's 500 is passed
        assertThat(chain("OUTSOURCED", 10_000, new Limit.Totals(0, 45_000))).containsExactly("LEAD", "COMPLAINTS");
    }

    @Test
    void theRequestersOwnRoleAndLevelsWithNobodyAreLeftOut() {
        assertThat(chain("LEAD", 800, NONE)).containsExactly("COMPLAINTS");
        assertThat(ApprovalChain.compute(LADDER, "OUTSOURCED", role -> Optional.ofNullable(LIMITS.get(role)),
                l -> !l.role().equals("LEAD"), 800, NONE).stream().map(Level::role).toList()).containsExactly("COMPLAINTS");
    }

    @Test
    void nobodyCoversItThenThereIsNoChain() {
        assertThat(chain("OUTSOURCED", 2_000_000, NONE)).isEmpty();
    }

    @Test
    void limitsNameTheCapAnAmountPasses() {
        Limit l = new Limit(9, "role:OUTSOURCED", "COMPENSATION", "CNY", 500, 3_000L, 1_000L);
        assertThat(l.check(500, NONE)).isEqualTo(Limit.Breach.NONE);
        assertThat(l.check(501, NONE)).isEqualTo(Limit.Breach.PER_CASE);
        assertThat(l.check(500, new Limit.Totals(2_600, 0))).isEqualTo(Limit.Breach.PER_DAY);
        assertThat(l.check(500, new Limit.Totals(0, 600))).isEqualTo(Limit.Breach.PER_CUSTOMER);
    }
}
