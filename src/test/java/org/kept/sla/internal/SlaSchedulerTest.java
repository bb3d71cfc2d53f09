package org.kept.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.sla.internal.SlaWorld.at;
import static org.kept.support.Api.body;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.customer.CustomerTier;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** Warnings, breaches and escalations, driven by {@code runDue} at chosen instants for this test's tickets only. */
@KeptTest
@Import(SlaWorld.class)
class SlaSchedulerTest {

    @Autowired
    SlaWorld world;

    @Autowired
    SlaScheduler scheduler;

    @Autowired
    NotificationStore notifications;

    private int run(Instant at, long ticket) {
        return scheduler.runDue(at, List.of(ticket));
    }

    @Test
    void warnsAtThePolicysShareOfTheTargetThenBreachesEachExactlyOnce() {
        String team = world.team();
        world.policy(team, null, 60, null, 600);
        CurrentUser agentUser = world.user("AGENT", team);
        CurrentUser lead = world.user("LEAD", team);
        Api agent = world.fixtures.api(agentUser);
        JsonNode t = agent.post("/api/v1/tickets", body("type", "INQUIRY", "subject", "快递没到", "customerId",
                world.customer(CustomerTier.STANDARD), "teamId", world.fixtures.team(team), "assigneeId", agentUser.id()))
                .expect(201).json();
        long id = t.get("id").asLong();
        Instant created = at(t, "createdAt");

        assertThat(run(created.plus(Duration.ofMinutes(47)), id)).as("nothing before 80% of an hour").isZero();
        assertThat(run(created.plus(Duration.ofMinutes(49)), id)).as("the first-response warning").isEqualTo(1);
        assertThat(run(created.plus(Duration.ofMinutes(50)), id)).as("warned once, not again").isZero();
        assertThat(world.kinds(agent, id)).contains("SLA_WARNING");
        assertThat(notifications.of(agentUser.id(), true, 10)).anyMatch(n -> n.kind().equals("SLA_WARNING") && n.ticketId() == id);

        assertThat(run(created.plus(Duration.ofMinutes(61)), id)).as("the first-response breach").isEqualTo(1);
        assertThat(run(created.plus(Duration.ofMinutes(62)), id)).isZero();
        List<String> kinds = world.kinds(agent, id);
        assertThat(kinds).contains("SLA_BREACH", "ESCALATED");
        assertThat(notifications.of(lead.id(), true, 10)).as("hierarchical: the lead is told")
                .anyMatch(n -> n.kind().equals("ESCALATION") && n.ticketId() == id);
        JsonNode still = agent.get("/api/v1/tickets/" + id).expect(200).json();
        assertThat(still.get("assignee").get("id").asLong()).as("a first-response breach does not move the ticket")
                .isEqualTo(agentUser.id());

        // the resolution warning (480 min) and breach (600 min): at breach the ticket moves to the team lead
        assertThat(run(created.plus(Duration.ofMinutes(601)), id)).isEqualTo(2);
        JsonNode moved = agent.get("/api/v1/tickets/" + id).expect(200).json();
        assertThat(moved.get("assignee").get("id").asLong()).isEqualTo(lead.id());
        assertThat(moved.get("escalationLevel").asInt()).isEqualTo(1);
        JsonNode handover = agent.get("/api/v1/tickets/" + id + "/timeline").expect(200).json().valueStream()
                .filter(e -> e.get("kind").asString().equals("ESCALATED")).reduce((a, b) -> b).orElseThrow();
        assertThat(handover.get("body").asString()).contains("Handover", "快递没到");
        assertThat(run(created.plus(Duration.ofDays(2)), id)).as("every deadline is acted on once").isZero();
    }

    @Test
    void stateIsInTheDatabaseSoAMissedPollIsCaughtUpLater() {
        SlaWorld.Desk desk = world.desk(60, null, 600);
        String team = desk.team();
        Api agent = desk.agent();
        JsonNode t = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "重启之后");
        long id = t.get("id").asLong();
        // nobody polled for ten hours (instances down): both warnings and both breaches are caught up in one pass
        assertThat(run(at(t, "createdAt").plus(Duration.ofHours(11)), id)).isEqualTo(4);
    }

    @Test
    void seriousWordsGoStraightToTheMajorComplaintsGroup() {
        SlaWorld.Desk desk = world.desk(60, null, 600);
        String team = desk.team();
        Api agent = desk.agent();
        JsonNode t = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "司机危险驾驶，涉及人身安全");
        long id = t.get("id").asLong();
        assertThat(run(world.clock.instant(), id)).isEqualTo(1);
        JsonNode moved = agent.get("/api/v1/tickets/" + id).expect(200).json();
        assertThat(moved.get("team").get("id").asLong()).isEqualTo(world.fixtures.team("major-complaints"));
        assertThat(moved.get("escalationLevel").asInt()).isEqualTo(2);
        assertThat(run(world.clock.instant(), id)).as("a rule escalates once").isZero();
    }

    @Autowired
    ClockStore clocks;

    @Autowired
    ClockKeeper keeper;

    @Test
    void anUrgentTicketGoesToTheTeamLead() {
        String team = world.team();
        world.policy(team, null, 60, null, 600);
        CurrentUser lead = world.user("LEAD", team);
        Api agent = world.fixtures.api(world.user("AGENT", team));
        long id = agent.post("/api/v1/tickets", body("type", "COMPLAINT", "subject", "停电三天", "priority", "P1",
                "customerId", world.customer(CustomerTier.STANDARD), "teamId", world.fixtures.team(team))).expect(201).id();
        assertThat(run(world.clock.instant(), id)).isEqualTo(1);
        assertThat(agent.get("/api/v1/tickets/" + id).expect(200).json().get("assignee").get("id").asLong()).isEqualTo(lead.id());

        // the scheduler does not plan a moved ticket's clock a second time: the plan the move made must be the whole one
        TicketClock left = clocks.find(id).orElseThrow();
        assertThat(left.escalationLevel()).as("at the lead's tier").isEqualTo(1);
        assertThat(left.rulePending()).as("the rule it fulfilled is not asked again").isNull();
        assertThat(left.nextAt()).as("next: the first-response warning, not now").isAfter(world.clock.instant());
        keeper.recompute(id);
        assertThat(clocks.find(id).orElseThrow().stored()).as("a fresh plan changes nothing").isEqualTo(left.stored());
        assertThat(run(world.clock.instant(), id)).isZero();
    }

    @Test
    void aCustomerWhoContactedUsThreeTimesGoesToTheTeamLead() {
        String team = world.team();
        world.policy(team, null, 600, null, 6000);
        CurrentUser lead = world.user("LEAD", team);
        Api agent = world.fixtures.api(world.user("AGENT", team));
        long id = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "第三次来电催退款").get("id").asLong();
        agent.post("/api/v1/tickets/" + id + "/repeat-contacts", body("channel", "PHONE")).expect(201);
        assertThat(run(world.clock.instant(), id)).as("two contacts are not yet the rule's three").isZero();
        agent.post("/api/v1/tickets/" + id + "/repeat-contacts", body("channel", "PHONE", "note", "第三次")).expect(201);
        assertThat(run(world.clock.instant(), id)).isEqualTo(1);
        assertThat(agent.get("/api/v1/tickets/" + id).expect(200).json().get("assignee").get("id").asLong()).isEqualTo(lead.id());
        assertThat(agent.get("/api/v1/tickets/" + id + "/timeline").expect(200).body()).contains("contacted 3 times");
    }

    @Test
    void anAgentEscalatesByHandWithANoteAndTheCaseTravelsWithIt() {
        String team = world.team();
        world.policy(team, null, 60, null, 600);
        CurrentUser lead = world.user("LEAD", team);
        CurrentUser agentUser = world.user("AGENT", team);
        Api agent = world.fixtures.api(agentUser);
        long id = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "退款迟迟不到").get("id").asLong();

        agent.post("/api/v1/tickets/" + id + "/escalations", body("note", "")).expect(422);
        agent.post("/api/v1/tickets/" + id + "/escalations", body("note", "看看", "kind", "SIDEWAYS")).expect(422);
        agent.post("/api/v1/tickets/" + id + "/escalations", body("note", "客户第三次来电，需组长审批超额补偿")).expect(201);
        JsonNode moved = agent.get("/api/v1/tickets/" + id).expect(200).json();
        assertThat(moved.get("assignee").get("id").asLong()).isEqualTo(lead.id());
        assertThat(agent.get("/api/v1/tickets/" + id + "/timeline").expect(200).body()).contains("客户第三次来电");
        assertThat(notifications.of(lead.id(), true, 10)).anyMatch(n -> n.ticketId() == id);

        // once more: from the lead to the major-complaints group
        agent.post("/api/v1/tickets/" + id + "/escalations", body("note", "组长无法处理")).expect(201);
        assertThat(agent.get("/api/v1/tickets/" + id).expect(200).json().get("team").get("id").asLong())
                .isEqualTo(world.fixtures.team("major-complaints"));

        // hierarchical: the lead hears of it, the ticket stays
        long other = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "只需组长知悉").get("id").asLong();
        agent.post("/api/v1/tickets/" + other + "/escalations", body("note", "请组长关注", "kind", "HIERARCHICAL")).expect(201);
        assertThat(agent.get("/api/v1/tickets/" + other).expect(200).json().get("team").get("id").asLong())
                .isEqualTo(world.fixtures.team(team));
        assertThat(notifications.of(lead.id(), true, 10)).anyMatch(n -> n.ticketId() == other);
    }

    @Test
    void theBoardShowsWhatBreachesNextWithItsHolderAndWait() {
        String team = world.team();
        world.policy(team, null, 60, null, 600);
        CurrentUser leadUser = world.user("LEAD", team);
        Api agent = world.fixtures.api(world.user("AGENT", team));
        long first = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "先到期").get("id").asLong();
        long second = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "后到期").get("id").asLong();
        JsonNode board = world.fixtures.api(leadUser).get("/api/v1/escalations?team=" + world.fixtures.team(team)).expect(200).json();
        assertThat(board.valueStream().map(r -> r.get("ticketId").asLong()).toList()).containsExactly(first, second);
        assertThat(board.get(0).get("minutesToBreach").asLong()).isBetween(58L, 60L);
        agent.get("/api/v1/escalations").expect(403);
    }
}
