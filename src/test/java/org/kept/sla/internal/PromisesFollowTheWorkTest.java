package org.kept.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kept.customer.CustomerTier;
import org.kept.identity.CurrentUser;
import org.kept.sla.CommitmentState;
import org.kept.support.Api;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * 承诺随工单走: a promise follows its ticket when a lead reassigns it or a shift handover moves it (and the reminder goes
 * to whoever holds it now); a ticket is not resolved over open promises without saying what becomes of each.
 */
@KeptTest
@Import(SlaWorld.class)
class PromisesFollowTheWorkTest {

    @Autowired
    SlaWorld world;

    @Autowired
    SlaScheduler scheduler;

    @Autowired
    NotificationStore notifications;

    @Autowired
    CommitmentDesk commitments;

    @Test
    void aReassignedTicketTakesItsPromisesToTheNewOwnerOrTheTeamAndTheReminderFollows() {
        String team = world.team();
        world.policy(team, null, 3000, null, 6000);
        CurrentUser owner = world.user("AGENT", team);
        CurrentUser colleague = world.user("AGENT", team);
        Api agent = world.fixtures.api(owner);
        Api lead = world.fixtures.api(world.user("LEAD", team));
        long id = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "换人处理的工单").get("id").asLong();
        hold(agent, id, team, owner.id());
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plusHours(2);
        long cid = agent.post("/api/v1/tickets/" + id + "/commitments", body("promise", "两小时内回电", "due", due.toString()))
                .expect(201).id();

        // the lead gives the ticket to a colleague: the promise goes with it, on the timeline
        hold(lead, id, team, colleague.id());
        assertThat(commitments.get(cid).ownerId()).isEqualTo(colleague.id());
        assertThat(world.kinds(agent, id)).contains("COMMITMENT_MOVED");
        assertThat(agent.get("/api/v1/tickets/" + id + "/timeline").expect(200).body()).contains("两小时内回电");

        // the reminder reaches the colleague, not the agent who no longer holds the ticket
        assertThat(scheduler.runDue(due.minusMinutes(10).toInstant(), List.of(id))).isEqualTo(1);
        assertThat(notifications.of(colleague.id(), true, 10)).anyMatch(n -> n.kind().equals("COMMITMENT") && n.ticketId() == id);
        assertThat(notifications.of(owner.id(), true, 10)).noneMatch(n -> n.kind().equals("COMMITMENT") && n.ticketId() == id);

        // back to the team queue: the team holds it, and it is on the team's list
        hold(lead, id, team, null);
        CommitmentDesk.Commitment queued = commitments.get(cid);
        assertThat(queued.ownerId()).isNull();
        assertThat(queued.teamId()).isEqualTo(world.fixtures.team(team));
        assertThat(world.kinds(agent, id).stream().filter("COMMITMENT_MOVED"::equals)).hasSize(2);
        assertThat(world.fixtures.api(colleague).get("/api/v1/commitments?mine=false").expect(200).json().valueStream()
                .map(c -> c.get("id").asLong())).contains(cid);
    }

    @Test
    void aSignedHandoverMovesThePromisesOfEveryTicketItMovesAndRecordsThemOnTheSheet() {
        String team = world.team();
        world.policy(team, null, 3000, null, 6000);
        CurrentUser outgoing = world.user("AGENT", team);
        CurrentUser incoming = world.user("AGENT", team);
        Api out = world.fixtures.api(outgoing);
        long customer = world.customer(CustomerTier.STANDARD);
        long soon = world.ticket(out, customer, team, "今晚要回电的投诉").get("id").asLong();
        long later = world.ticket(out, customer, team, "三天后回访的投诉").get("id").asLong();
        hold(out, soon, team, outgoing.id());
        hold(out, later, team, outgoing.id());
        // the P1 complaint is the one going to the queue (a P1 escalates by the seeded rules, and takes its promise along)
        JsonNode p1 = out.get("/api/v1/tickets/" + later).expect(200).json();
        out.put("/api/v1/tickets/" + later + "/priority", body("priority", "P1", "version", p1.get("version").asInt())).expect(200);
        long tonight = out.post("/api/v1/tickets/" + soon + "/commitments", body("promise", "今晚八点前回电",
                "due", OffsetDateTime.now(ZoneOffset.UTC).plusHours(4).toString())).expect(201).id();
        long inThreeDays = out.post("/api/v1/tickets/" + later + "/commitments", body("promise", "三天后回访",
                "due", OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).toString())).expect(201).id();

        JsonNode sheet = out.post("/api/v1/workforce/handovers", body("incomingId", incoming.id())).expect(201).json();
        long sheetId = sheet.get("id").asLong();
        Map<Long, Long> itemOfTicket = new HashMap<>();
        sheet.get("items").forEach(i -> {
            if (List.of("TICKET", "FOLLOW_UP").contains(i.get("kind").asString())) {
                itemOfTicket.put(i.get("refId").asLong(), i.get("id").asLong());
            }
        });
        out.put("/api/v1/workforce/handovers/" + sheetId + "/items/" + itemOfTicket.get(later), body("newOwnerId", null))
                .expect(200);

        JsonNode preview = out.get("/api/v1/workforce/handovers/" + sheetId + "/preview").expect(200).json();
        assertThat(preview.get("tickets").asInt()).isEqualTo(2);
        assertThat(preview.get("p1Complaints").asInt()).isEqualTo(1);
        assertThat(preview.get("p1ComplaintsToQueue").asInt()).isEqualTo(1);
        assertThat(preview.get("promises").asInt()).isEqualTo(2);
        assertThat(preview.get("perOwner").get(String.valueOf(incoming.id())).asInt()).isEqualTo(1);
        assertThat(preview.get("perTeam").get(String.valueOf(world.fixtures.team(team))).asInt()).isEqualTo(1);

        int version = out.get("/api/v1/workforce/handovers/" + sheetId).expect(200).json().get("version").asInt();
        JsonNode signed = out.post("/api/v1/workforce/handovers/" + sheetId + "/sign", body("version", version)).expect(200).json();

        assertThat(commitments.get(tonight).ownerId()).isEqualTo(incoming.id());
        assertThat(commitments.get(inThreeDays).ownerId()).isNull();
        assertThat(commitments.get(inThreeDays).teamId()).isEqualTo(world.fixtures.team(team));
        Map<Long, JsonNode> promiseLines = new HashMap<>();
        signed.get("items").forEach(i -> {
            if (List.of("COMMITMENT", "PROMISE").contains(i.get("kind").asString())) {
                promiseLines.put(i.get("refId").asLong(), i);
            }
        });
        assertThat(promiseLines.get(tonight).get("kind").asString()).as("listed as coming due").isEqualTo("COMMITMENT");
        assertThat(promiseLines.get(tonight).get("outcome").asString()).isEqualTo("PROMISE_MOVED");
        assertThat(promiseLines.get(tonight).get("newOwnerId").asLong()).isEqualTo(incoming.id());
        assertThat(promiseLines.get(inThreeDays).get("kind").asString()).isEqualTo("PROMISE");
        assertThat(promiseLines.get(inThreeDays).get("outcome").asString()).isEqualTo("PROMISE_TO_TEAM");
        assertThat(world.kinds(out, soon)).contains("COMMITMENT_MOVED");

        // the reminder goes to the incoming colleague, although the outgoing agent is off shift
        world.offShift(outgoing, team, OffsetDateTime.now(ZoneOffset.UTC).plusHours(4).minusMinutes(10).toInstant());
        scheduler.runDue(OffsetDateTime.now(ZoneOffset.UTC).plusHours(4).minusMinutes(10).toInstant(), List.of(soon));
        assertThat(notifications.of(incoming.id(), true, 10)).anyMatch(n -> n.kind().equals("COMMITMENT") && n.ticketId() == soon);
        assertThat(notifications.of(outgoing.id(), true, 10)).noneMatch(n -> n.kind().equals("COMMITMENT"));
    }

    @Test
    void resolvingOverOpenPromisesIsAProblemListingThemUntilTheRequestSaysWhatBecomesOfEach() {
        String team = world.team();
        world.policy(team, null, 3000, null, 6000);
        CurrentUser owner = world.user("AGENT", team);
        Api agent = world.fixtures.api(owner);
        long id = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "有承诺的工单").get("id").asLong();
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plusHours(5);
        long call = agent.post("/api/v1/tickets/" + id + "/commitments", body("promise", "回电告知结果 13800138000",
                "due", due.toString())).expect(201).id();
        long visit = agent.post("/api/v1/tickets/" + id + "/commitments", body("promise", "明天回访",
                "due", due.plusDays(1).toString())).expect(201).id();
        long mail = agent.post("/api/v1/tickets/" + id + "/commitments", body("promise", "寄发票",
                "due", due.plusDays(2).toString())).expect(201).id();
        int version = agent.get("/api/v1/tickets/" + id).expect(200).json().get("version").asInt();

        JsonNode problem = agent.post("/api/v1/tickets/" + id + "/transitions", body("to", "RESOLVED", "version", version))
                .expect(409).json();
        assertThat(problem.get("detail").asString()).contains("3");
        assertThat(problem.get("openPromises").valueStream().map(p -> p.get("id").asLong())).containsExactly(call, visit, mail);
        // an outsourced agent sees the list with the phone number masked
        Api outsourced = world.fixtures.api(world.user("OUTSOURCED", team));
        String masked = outsourced.post("/api/v1/tickets/" + id + "/transitions", body("to", "RESOLVED", "version", version))
                .expect(409).body();
        assertThat(masked).doesNotContain("13800138000");
        assertThat(agent.get("/api/v1/tickets/" + id).expect(200).json().get("state").asString()).isNotEqualTo("RESOLVED");

        // one left undecided: still refused, listing only that one
        JsonNode partly = agent.post("/api/v1/tickets/" + id + "/transitions", body("to", "RESOLVED", "version", version,
                "promises", List.of(body("id", call, "outcome", "KEPT"), body("id", visit, "outcome", "KEEP")))).expect(409).json();
        assertThat(partly.get("openPromises").valueStream().map(p -> p.get("id").asLong())).containsExactly(mail);
        // cancelling needs a reason; nothing is half-done when it is missing
        agent.post("/api/v1/tickets/" + id + "/transitions", body("to", "RESOLVED", "version", version, "promises",
                List.of(body("id", call, "outcome", "KEPT", "reason", "已回电"), body("id", visit, "outcome", "KEEP"),
                        body("id", mail, "outcome", "CANCEL")))).expect(422);
        assertThat(commitments.get(call).state()).isEqualTo(CommitmentState.OPEN);

        JsonNode resolved = agent.post("/api/v1/tickets/" + id + "/transitions", body("to", "RESOLVED", "version", version,
                "promises", List.of(body("id", call, "outcome", "KEPT", "reason", "已回电"), body("id", visit, "outcome", "KEEP"),
                        body("id", mail, "outcome", "CANCEL", "reason", "客户改为电子发票")))).expect(200).json();
        assertThat(resolved.get("state").asString()).isEqualTo("RESOLVED");
        assertThat(commitments.get(call).state()).isEqualTo(CommitmentState.KEPT);
        assertThat(commitments.get(visit).state()).as("kept open: the visit still happens").isEqualTo(CommitmentState.OPEN);
        assertThat(commitments.get(mail).state()).isEqualTo(CommitmentState.CANCELLED);
        assertThat(commitments.get(mail).outcome()).isEqualTo("客户改为电子发票");
        assertThat(agent.get("/api/v1/tickets/" + id + "/timeline").expect(200).body()).contains("CANCELLED", "客户改为电子发票");

        // a ticket without open promises resolves as before
        long plain = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "没有承诺").get("id").asLong();
        agent.post("/api/v1/tickets/" + plain + "/transitions", body("to", "RESOLVED", "version",
                agent.get("/api/v1/tickets/" + plain).expect(200).json().get("version").asInt())).expect(200);
    }

    /** Puts the ticket with a person of the team, or in the team's queue (person null). */
    private void hold(Api api, long ticket, String team, Long person) {
        int version = api.get("/api/v1/tickets/" + ticket).expect(200).json().get("version").asInt();
        api.put("/api/v1/tickets/" + ticket + "/assignment", body("teamId", world.fixtures.team(team), "assigneeId", person,
                "version", version)).expect(200);
    }
}
