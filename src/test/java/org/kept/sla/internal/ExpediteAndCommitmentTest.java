package org.kept.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.sla.internal.SlaWorld.at;
import static org.kept.support.Api.body;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kept.customer.CustomerTier;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** Expedite (加急) has effect or is refused with a reason; promises are reminded, kept or missed. */
@KeptTest
@Import(SlaWorld.class)
class ExpediteAndCommitmentTest {

    @Autowired
    SlaWorld world;

    @Autowired
    SlaScheduler scheduler;

    @Autowired
    NotificationStore notifications;

    @Autowired
    CommitmentDesk commitments;

    @Test
    void anExpediteRaisesThePriorityPullsTheDeadlineInAndTellsTeamAndCustomer() {
        String team = world.team();
        world.policy(team, null, 60, null, 600);
        CurrentUser colleague = world.user("AGENT", team);
        Api agent = world.fixtures.api(world.user("AGENT", team));
        JsonNode t = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "退款十天未到账");
        long id = t.get("id").asLong();
        Instant before = at(t, "resolutionDue");

        agent.post("/api/v1/tickets/" + id + "/expedite", body("reason", " ")).expect(422);
        String key = UUID.randomUUID().toString();
        JsonNode expedite = agent.header("Idempotency-Key", key)
                .post("/api/v1/tickets/" + id + "/expedite", body("reason", "客户急需用款")).expect(201).json();
        JsonNode after = agent.get("/api/v1/tickets/" + id).expect(200).json();
        assertThat(after.get("priority").asString()).isEqualTo("P2");
        assertThat(after.get("expedites").asInt()).isEqualTo(1);
        assertThat(at(after, "resolutionDue")).isBefore(before);
        // half of the time left: 600 minutes → about 300
        assertThat(Duration.between(world.clock.instant(), at(after, "resolutionDue")).toMinutes()).isBetween(295L, 301L);
        assertThat(at(expedite, "newDue")).isEqualTo(at(after, "resolutionDue"));
        String timeline = agent.get("/api/v1/tickets/" + id + "/timeline").expect(200).body();
        assertThat(timeline).contains("EXPEDITED", "客户急需用款", "我们将在");
        assertThat(notifications.of(colleague.id(), true, 10)).anyMatch(n -> n.kind().equals("EXPEDITE") && n.ticketId() == id);

        // a retried request is the same expedite, not a second one
        JsonNode replay = agent.header("Idempotency-Key", key)
                .post("/api/v1/tickets/" + id + "/expedite", body("reason", "客户急需用款")).expect(200).json();
        assertThat(replay.get("id").asLong()).isEqualTo(expedite.get("id").asLong());

        // asked again the same day: refused, saying when it was expedited and the date already promised
        String refused = agent.post("/api/v1/tickets/" + id + "/expedite", body("reason", "客户又催了")).expect(409).detail();
        assertThat(refused).contains("Already expedited");
    }

    @Test
    void anExpeditePullsInEveryDeadlineStillRunningDownToTheFloor() {
        String team = world.team();
        world.policy(team, null, 600, 240, 6000);
        Api agent = world.fixtures.api(world.user("AGENT", team));

        // not answered yet: the first response comes in with the resolution, and the acknowledgement is not the answer
        JsonNode fresh = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "还没人理我");
        long unanswered = fresh.get("id").asLong();
        agent.post("/api/v1/tickets/" + unanswered + "/expedite", body("reason", "客户等不及了")).expect(201);
        JsonNode first = agent.get("/api/v1/tickets/" + unanswered).expect(200).json();
        assertThat(minutesLeft(first, "firstResponseDue")).isBetween(295L, 301L);
        assertThat(at(first, "firstResponseDue")).isBefore(at(fresh, "firstResponseDue"));
        assertThat(minutesLeft(first, "resolutionDue")).isBetween(2995L, 3001L);
        assertThat(first.get("nextUpdateDue").isNull()).as("still owed the first response").isTrue();
        // one language per reader: the entry in the reader's (en), the message to the customer in the customer's (zh-CN)
        String timeline = agent.language("en").get("/api/v1/tickets/" + unanswered + "/timeline").expect(200).body();
        assertThat(timeline).contains("First response: ", "告知您进展").doesNotContain("首次响应", "news of progress by");

        // answered: the next update owed comes in; the update after it is owed in full again
        long answered = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "进展太慢").get("id").asLong();
        agent.post("/api/v1/tickets/" + answered + "/replies", body("body", "已收到，正在处理。")).expect(200);
        JsonNode before = agent.get("/api/v1/tickets/" + answered).expect(200).json();
        agent.post("/api/v1/tickets/" + answered + "/expedite", body("reason", "客户要求尽快")).expect(201);
        JsonNode expedited = agent.get("/api/v1/tickets/" + answered).expect(200).json();
        assertThat(minutesLeft(expedited, "nextUpdateDue")).isBetween(115L, 121L);
        assertThat(at(expedited, "nextUpdateDue")).isBefore(at(before, "nextUpdateDue"));
        assertThat(at(expedited, "escalationAt")).isEqualTo(at(expedited, "nextUpdateDue"));
        assertThat(agent.language("zh-CN").get("/api/v1/tickets/" + answered + "/timeline").expect(200).body())
                .contains("下次进展：").doesNotContain("Next update");
        agent.post("/api/v1/tickets/" + answered + "/replies", body("body", "工程师已联系，明天上门。")).expect(200);
        assertThat(minutesLeft(agent.get("/api/v1/tickets/" + answered).expect(200).json(), "nextUpdateDue"))
                .isBetween(235L, 241L);

        // never below the floor (30 minutes), and a deadline already inside it stays where it was
        String tight = world.team();
        world.policy(tight, null, 20, 40, 600);
        Api other = world.fixtures.api(world.user("AGENT", tight));
        JsonNode near = world.ticket(other, world.customer(CustomerTier.STANDARD), tight, "二十分钟内要回复");
        long nearId = near.get("id").asLong();
        other.post("/api/v1/tickets/" + nearId + "/expedite", body("reason", "快点")).expect(201);
        JsonNode floored = other.get("/api/v1/tickets/" + nearId).expect(200).json();
        assertThat(at(floored, "firstResponseDue")).isEqualTo(at(near, "firstResponseDue"));
        long update = world.ticket(other, world.customer(CustomerTier.STANDARD), tight, "四十分钟一更新").get("id").asLong();
        other.post("/api/v1/tickets/" + update + "/replies", body("body", "处理中")).expect(200);
        other.post("/api/v1/tickets/" + update + "/expedite", body("reason", "快点")).expect(201);
        assertThat(minutesLeft(other.get("/api/v1/tickets/" + update).expect(200).json(), "nextUpdateDue"))
                .isBetween(28L, 31L);
    }

    private long minutesLeft(JsonNode ticket, String deadline) {
        return Duration.between(world.clock.instant(), at(ticket, deadline)).toMinutes();
    }

    @Test
    void notificationsAndPromisesAreMaskedForRolesThatDoNotSeePersonalData() {
        SlaWorld.Desk desk = world.desk(600, null, 6000);
        CurrentUser outsourced = world.user("OUTSOURCED", desk.team());
        long id = world.ticket(desk.agent(), world.customer(CustomerTier.STANDARD), desk.team(), "回电").get("id").asLong();
        desk.agent().post("/api/v1/tickets/" + id + "/expedite", body("reason", "客户留了新号码 13912345678")).expect(201);
        String seen = world.fixtures.api(outsourced).get("/api/v1/notifications").expect(200).body();
        assertThat(seen).contains("EXPEDITE").doesNotContain("13912345678");
    }

    @Test
    void anExpediteWithoutEffectIsRefusedWithTheReason() {
        SlaWorld.Desk desk = world.desk(60, null, 600);
        String team = desk.team();
        Api agent = desk.agent();
        long closed = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "已解决").get("id").asLong();
        agent.post("/api/v1/tickets/" + closed + "/transitions", body("to", "RESOLVED", "version", 0)).expect(200);
        assertThat(agent.post("/api/v1/tickets/" + closed + "/expedite", body("reason", "快点")).expect(409).detail())
                .contains("RESOLVED");

        long waiting = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "等客户").get("id").asLong();
        agent.post("/api/v1/tickets/" + waiting + "/transitions", body("to", "PENDING_CUSTOMER", "version", 0)).expect(200);
        agent.language("zh-CN").post("/api/v1/tickets/" + waiting + "/expedite", body("reason", "快点")).expect(409);

        String tight = world.team();
        world.policy(tight, null, 10, null, 20);
        Api other = world.fixtures.api(world.user("AGENT", tight));
        long near = world.ticket(other, world.customer(CustomerTier.STANDARD), tight, "只剩二十分钟").get("id").asLong();
        assertThat(other.post("/api/v1/tickets/" + near + "/expedite", body("reason", "快点")).expect(409).detail())
                .contains("cannot be pulled in further");
        assertThat(other.get("/api/v1/tickets/" + near).expect(200).json().get("priority").asString())
                .as("a refused expedite changes nothing").isEqualTo("P3");
    }

    @Test
    void expeditesAreCountedHonouredOrMissedPerTeam() {
        SlaWorld.Desk desk = world.desk(60, null, 600);
        String team = desk.team();
        Api agent = desk.agent();
        long honoured = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "按时办结").get("id").asLong();
        long missed = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "没赶上").get("id").asLong();
        agent.post("/api/v1/tickets/" + honoured + "/expedite", body("reason", "客户出差前要结果")).expect(201);
        JsonNode late = agent.post("/api/v1/tickets/" + missed + "/expedite", body("reason", "客户投诉升级")).expect(201).json();
        int version = agent.get("/api/v1/tickets/" + honoured).expect(200).version();
        agent.post("/api/v1/tickets/" + honoured + "/transitions", body("to", "RESOLVED", "version", version)).expect(200);
        scheduler.runDue(at(late, "newDue").plusSeconds(60), List.of(missed));

        CurrentUser planner = world.fixtures.user("PLANNER");
        String from = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString();
        String to = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString();
        JsonNode report = world.fixtures.api(planner).get("/api/v1/reports/expedites?from=" + from + "&to=" + to)
                .expect(200).json();
        JsonNode row = report.valueStream().filter(r -> r.get("teamId").asLong() == world.fixtures.team(team)).findFirst()
                .orElseThrow();
        assertThat(row.get("requested").asLong()).isEqualTo(2);
        assertThat(row.get("honoured").asLong()).isEqualTo(1);
        assertThat(row.get("missed").asLong()).isEqualTo(1);
        world.fixtures.api(planner).get("/api/v1/reports/expedites?from=" + to + "&to=" + from).expect(422);
        agent.get("/api/v1/reports/expedites?from=" + from + "&to=" + to).expect(403);
    }

    @Test
    void aPromiseIsRemindedAndAProgressCallWithANewTimeCountsAsKept() {
        String team = world.team();
        world.policy(team, null, 3000, null, 6000);
        CurrentUser owner = world.user("AGENT", team);
        Api agent = world.fixtures.api(owner);
        long id = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "明天下午三点前回电").get("id").asLong();
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plusHours(2);
        agent.post("/api/v1/tickets/" + id + "/commitments", body("promise", "", "due", due.toString())).expect(422);
        agent.post("/api/v1/tickets/" + id + "/commitments", body("promise", "回电", "due",
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString())).expect(422);
        JsonNode promise = agent.post("/api/v1/tickets/" + id + "/commitments",
                body("promise", "15:00 前回电告知退款进度", "due", due.toString())).expect(201).json();
        long cid = promise.get("id").asLong();
        assertThat(agent.get("/api/v1/commitments?mine=true").expect(200).json().valueStream()
                .map(c -> c.get("id").asLong())).contains(cid);
        assertThat(commitments.openFor(owner.id(), due.plusMinutes(1).toInstant())).anyMatch(c -> c.id() == cid);

        assertThat(scheduler.runDue(due.minusMinutes(30).toInstant(), List.of(id))).isZero();
        assertThat(scheduler.runDue(due.minusMinutes(10).toInstant(), List.of(id))).as("the reminder").isEqualTo(1);
        assertThat(notifications.of(owner.id(), true, 10)).anyMatch(n -> n.kind().equals("COMMITMENT") && n.ticketId() == id);

        OffsetDateTime next = due.plusDays(1);
        agent.post("/api/v1/commitments/" + cid + "/kept", body("outcome", "已回电，财务尚未审核，约定明天再回电",
                "nextPromise", "明天 15:00 前再次回电", "nextDue", next.toString(), "version", 0)).expect(200);
        agent.post("/api/v1/commitments/" + cid + "/kept", body("outcome", "再来一次", "version", 1)).expect(409);
        List<String> open = agent.get("/api/v1/commitments").expect(200).json().valueStream()
                .filter(c -> c.get("ticketId").asLong() == id).map(c -> c.get("promise").asString()).toList();
        assertThat(open).containsExactly("明天 15:00 前再次回电");
        assertThat(scheduler.runDue(due.plusMinutes(1).toInstant(), List.of(id))).as("a kept promise is not missed").isZero();
    }

    @Test
    void onlyTheOwnerTheOwnersTeamAndTheTicketsTeamMaySettleAPromiseAndOnlyAtTheVersionRead() {
        String team = world.team();
        String elsewhere = world.team();
        world.policy(team, null, 3000, null, 6000);
        CurrentUser owner = world.user("AGENT", team);
        Api agent = world.fixtures.api(owner);
        long id = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "别人的承诺").get("id").asLong();
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plusHours(5);
        long cid = agent.post("/api/v1/tickets/" + id + "/commitments", body("promise", "下午回电", "due", due.toString()))
                .expect(201).id();
        String kept = "/api/v1/commitments/" + cid + "/kept";

        // an agent of another team, and that team's lead, may not settle it, whatever they send
        world.fixtures.api(world.user("AGENT", elsewhere)).post(kept, body("outcome", "替他结了", "version", 0)).expect(403);
        world.fixtures.api(world.user("LEAD", elsewhere)).post(kept, body("outcome", "替他结了", "version", 0)).expect(403);
        // the version is required, and a stale one is refused
        Api colleague = world.fixtures.api(world.user("AGENT", team));
        assertThat(colleague.post(kept, body("outcome", "已回电")).status()).isEqualTo(428);
        colleague.post(kept, body("outcome", "已回电", "version", 7)).expect(409);
        assertThat(commitments.get(cid).state()).isEqualTo(org.kept.sla.CommitmentState.OPEN);
        // a colleague of the owner's team settles it at the version read
        colleague.post(kept, body("outcome", "同事已回电", "version", 0)).expect(200);
        assertThat(commitments.get(cid).state()).isEqualTo(org.kept.sla.CommitmentState.KEPT);

        // the owner's team lead may settle a team member's promise
        long second = agent.post("/api/v1/tickets/" + id + "/commitments", body("promise", "明天回电", "due", due.toString()))
                .expect(201).id();
        world.fixtures.api(world.user("LEAD", team)).post("/api/v1/commitments/" + second + "/kept",
                body("outcome", "组长已回电", "version", 0)).expect(200);

        // the ticket's team may settle a promise whose owner is in another team (the ticket was handed over to it)
        CurrentUser visitor = world.user("AGENT", elsewhere);
        long third = world.fixtures.api(visitor).post("/api/v1/tickets/" + id + "/commitments",
                body("promise", "转组后回电", "due", due.toString())).expect(201).id();
        colleague.post("/api/v1/commitments/" + third + "/kept", body("outcome", "本组已回电", "version", 0)).expect(200);
    }

    @Test
    void aMissedPromiseIsRecordedAndEscalates() {
        String team = world.team();
        world.policy(team, null, 3000, null, 6000);
        CurrentUser lead = world.user("LEAD", team);
        Api agent = world.fixtures.api(world.user("AGENT", team));
        long id = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "说好回电没回").get("id").asLong();
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1);
        long cid = agent.post("/api/v1/tickets/" + id + "/commitments", body("promise", "一小时内回电", "due", due.toString()))
                .expect(201).id();
        scheduler.runDue(due.plusMinutes(1).toInstant(), List.of(id));
        assertThat(commitments.get(cid).state()).isEqualTo(org.kept.sla.CommitmentState.MISSED);
        JsonNode moved = agent.get("/api/v1/tickets/" + id).expect(200).json();
        assertThat(moved.get("assignee").get("id").asLong()).isEqualTo(lead.id());
        assertThat(agent.get("/api/v1/tickets/" + id + "/timeline").expect(200).body()).contains("MISSED", "Promise missed");
    }

    @Test
    void aPromiseWhoseOwnerIsOffShiftAtReminderTimeFallsToTheTeam() {
        String team = world.team();
        world.policy(team, null, 3000, null, 6000);
        CurrentUser owner = world.user("AGENT", team);
        CurrentUser colleague = world.user("AGENT", team);
        Api agent = world.fixtures.api(owner);
        long id = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "下班前的承诺").get("id").asLong();
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plusHours(3);
        long cid = agent.post("/api/v1/tickets/" + id + "/commitments", body("promise", "晚上八点前回电", "due", due.toString()))
                .expect(201).id();
        Instant reminder = due.minusMinutes(5).toInstant();
        world.offShift(owner, team, reminder);
        assertThat(scheduler.runDue(reminder, List.of(id))).isEqualTo(1);
        assertThat(commitments.get(cid).ownerId()).as("the owner is cleared").isNull();
        assertThat(notifications.of(colleague.id(), true, 10)).anyMatch(n -> n.kind().equals("COMMITMENT") && n.ticketId() == id);
        assertThat(world.fixtures.api(colleague).get("/api/v1/commitments?mine=false").expect(200).json().valueStream()
                .map(c -> c.get("id").asLong())).contains(cid);
    }
}
