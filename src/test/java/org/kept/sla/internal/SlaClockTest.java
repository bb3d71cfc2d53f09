package org.kept.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.kept.sla.internal.SlaWorld.at;
import static org.kept.support.Api.body;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.customer.CustomerTier;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** Policies, deadlines on the ticket, pause and resume, reopen: driven through the API, time moved by chosen instants. */
@KeptTest
@Import(SlaWorld.class)
class SlaClockTest {

    @Autowired
    SlaWorld world;

    private static JsonNode move(Api agent, long id, String to, int version) {
        return agent.post("/api/v1/tickets/" + id + "/transitions", body("to", to, "version", version)).expect(200).json();
    }

    private static void near(Instant actual, Instant expected) {
        assertThat(actual).isCloseTo(expected, within(2, ChronoUnit.SECONDS));
    }

    @Test
    void aNewTicketGetsItsPolicysDeadlinesAndTheEarliestIsTheEscalationTime() {
        SlaWorld.Desk desk = world.desk(60, 120, 600);
        String team = desk.team();
        Api agent = desk.agent();
        JsonNode t = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "发票开错了");
        Instant created = at(t, "createdAt");
        near(at(t, "firstResponseDue"), created.plus(Duration.ofMinutes(60)));
        near(at(t, "resolutionDue"), created.plus(Duration.ofMinutes(600)));
        assertThat(t.get("nextUpdateDue").isNull()).as("no update promise before the first response").isTrue();
        assertThat(at(t, "escalationAt")).isEqualTo(at(t, "firstResponseDue"));
        assertThat(t.get("expedites").asInt()).isZero();

        // the first reply meets the first-response clock and starts the next-update one
        JsonNode replied = agent.post("/api/v1/tickets/" + t.get("id").asLong() + "/replies", body("body", "已收到，正在核实"))
                .expect(200).json();
        assertThat(replied.get("firstResponseDue").isNull()).isTrue();
        near(at(replied, "nextUpdateDue"), world.clock.instant().plus(Duration.ofMinutes(120)));
        assertThat(at(replied, "escalationAt")).isEqualTo(at(replied, "nextUpdateDue"));
    }

    @Test
    void aCustomerTierTightensTheTargetsButNeverLoosensThemBelowTheBaseline() {
        String team = world.team();
        world.policy(team, CustomerTier.VIP, 30, null, 300);   // tighter for VIP
        world.policy(team, CustomerTier.PLUS, 600, null, 6000); // "looser" for PLUS: must not apply
        world.policy(team, null, 60, null, 600);                // the team's baseline
        Api agent = world.fixtures.api(world.user("AGENT", team));

        JsonNode vip = world.ticket(agent, world.customer(CustomerTier.VIP), team, "VIP 客户");
        near(at(vip, "firstResponseDue"), at(vip, "createdAt").plus(Duration.ofMinutes(30)));
        near(at(vip, "resolutionDue"), at(vip, "createdAt").plus(Duration.ofMinutes(300)));

        JsonNode plus = world.ticket(agent, world.customer(CustomerTier.PLUS), team, "PLUS 客户");
        near(at(plus, "firstResponseDue"), at(plus, "createdAt").plus(Duration.ofMinutes(60)));
        near(at(plus, "resolutionDue"), at(plus, "createdAt").plus(Duration.ofMinutes(600)));

        JsonNode standard = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "普通客户");
        near(at(standard, "firstResponseDue"), at(standard, "createdAt").plus(Duration.ofMinutes(60)));
    }

    @Test
    void policiesMatchInOrderAndTheFallbackCatchesTheRest() {
        List<Policy> ordered = world.policies.ordered();
        assertThat(ordered).anyMatch(Policy::isFallback);
        Policy.Facts facts = new Policy.Facts(org.kept.ticket.TicketType.INQUIRY, "billing", org.kept.ticket.Priority.P3,
                org.kept.ticket.Channel.PHONE, -1L, CustomerTier.STANDARD);
        PolicyMatch match = PolicyMatch.of(ordered, facts);
        assertThat(match.baseline().isFallback()).isTrue();
        assertThat(match.tiered()).isEqualTo(match.baseline());
    }

    @Test
    void waitingOnTheCustomerStopsTheClockVisiblyAndTheTimeIsGivenBack() {
        SlaWorld.Desk desk = world.desk(60, null, 600);
        String team = desk.team();
        Api agent = desk.agent();
        long id;
        JsonNode waiting;
        // recorded three hours ago, waiting on the customer for the last two
        Instant now = world.clock.instant();
        try (var recorded = world.clock.stoppedAt(now.minus(Duration.ofMinutes(180)))) {
            id = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "等待客户补充材料").get("id").asLong();
        }
        try (var asked = world.clock.stoppedAt(now.minus(Duration.ofMinutes(120)))) {
            waiting = move(agent, id, "PENDING_CUSTOMER", 0);
        }
        JsonNode shown = agent.get("/api/v1/tickets/" + id).expect(200).json();
        assertThat(shown.get("pausedSince").isNull()).isFalse();
        assertThat(shown.get("resolutionDue").isNull()).as("no deadline runs while the customer has the ball").isTrue();
        assertThat(shown.get("escalationAt").isNull()).isTrue();
        assertThat(world.kinds(agent, id)).contains("CLOCK_PAUSED");

        JsonNode resumed;
        try (var back = world.clock.stoppedAt(now)) {
            resumed = move(agent, id, "OPEN", waiting.get("version").asInt());
        }
        assertThat(resumed.get("pausedSince").isNull()).isTrue();
        assertThat(resumed.get("pausedMinutes").asLong()).isEqualTo(120L);
        // 60 of the 600 minutes ran before the pause; the two paused hours do not count
        near(at(resumed, "resolutionDue"), now.plus(Duration.ofMinutes(540)));
        assertThat(world.kinds(agent, id)).contains("CLOCK_RESUMED");
    }

    @Test
    void aReopenedTicketKeepsTheTimeItAlreadyUsed() {
        SlaWorld.Desk desk = world.desk(60, null, 600);
        String team = desk.team();
        Api agent = desk.agent();
        long id;
        JsonNode resolved;
        // resolved after 100 minutes, five hours ago; the customer comes back now
        Instant now = world.clock.instant();
        try (var recorded = world.clock.stoppedAt(now.minus(Duration.ofMinutes(400)))) {
            id = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "重开的工单").get("id").asLong();
        }
        try (var resolving = world.clock.stoppedAt(now.minus(Duration.ofMinutes(300)))) {
            resolved = move(agent, id, "RESOLVED", 0);
        }
        assertThat(resolved.get("resolutionDue").isNull()).isTrue();

        JsonNode reopened;
        try (var back = world.clock.stoppedAt(now)) {
            reopened = move(agent, id, "OPEN", resolved.get("version").asInt());
        }
        // the time before resolving still counts; the five resolved hours do not
        near(at(reopened, "resolutionDue"), now.plus(Duration.ofMinutes(500)));
    }

    @Test
    void theTicketJsonShowsNoDeadlineToAReaderOfAClosedTicket() {
        CurrentUser agentUser = world.user("AGENT", "hotline");
        Api agent = world.fixtures.api(agentUser);
        long id = world.fixtures.ticket(agent, world.customer(CustomerTier.STANDARD), "默认策略").id();
        JsonNode t = agent.get("/api/v1/tickets/" + id).expect(200).json();
        assertThat(t.has("firstResponseDue")).isTrue();
        assertThat(t.get("firstResponseDue").isNull()).as("the default policy gives every ticket a deadline").isFalse();
    }
}
