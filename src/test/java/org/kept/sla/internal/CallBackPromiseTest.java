package org.kept.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kept.customer.CustomerTier;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A promise to call the customer back (回电承诺) becomes a callback task when its reminder falls due: reason
 * COMMITMENT, due at the promised time, for the promise's team; the progress call's next promise keeps the same task;
 * a promise that is not a call opens none.
 */
@KeptTest
@Import(SlaWorld.class)
class CallBackPromiseTest {

    @Autowired
    SlaWorld world;

    @Autowired
    SlaScheduler scheduler;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPromiseToCallBackOpensACallbackTaskWhenItFallsDue() {
        String team = world.team();
        world.policy(team, null, 3000, null, 6000);
        CurrentUser owner = world.user("AGENT", team);
        Api agent = world.fixtures.api(owner);
        long id = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "退款进度请明天回电").get("id").asLong();
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plusHours(2).withNano(0);
        JsonNode promise = agent.post("/api/v1/tickets/" + id + "/commitments",
                body("promise", "15:00 前回电告知退款进度", "due", due.toString(), "callBack", true)).expect(201).json();
        assertThat(promise.get("callBack").asBoolean()).isTrue();
        long cid = promise.get("id").asLong();

        assertThat(tasks(id)).as("nothing before the reminder").isEmpty();
        assertThat(scheduler.runDue(due.minusMinutes(10).toInstant(), List.of(id))).as("the reminder").isEqualTo(1);
        List<Map<String, Object>> tasks = tasks(id);
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("reason")).isEqualTo("COMMITMENT");
        assertThat(tasks.get(0).get("state")).isEqualTo("OPEN");
        assertThat(((Number) tasks.get(0).get("team_id")).longValue()).isEqualTo(world.fixtures.team(team));
        assertThat(tasks.get(0).get("note")).isEqualTo("15:00 前回电告知退款进度");
        assertThat(jdbc.sql("select due_at from callback_task where ticket_id = ?").param(id)
                .query(OffsetDateTime.class).single().toInstant()).isEqualTo(due.toInstant());
        String timeline = agent.get("/api/v1/tickets/" + id + "/timeline").expect(200).body();
        assertThat(timeline).contains("CALLBACK");

        // the progress call agreed a new time: the next promise is a call too, and finds the task still open
        OffsetDateTime next = due.plusDays(1);
        agent.post("/api/v1/commitments/" + cid + "/kept", body("outcome", "已回电，财务尚未审核，约定明天再回电",
                "nextPromise", "明天 15:00 前再次回电", "nextDue", next.toString(), "version", 0)).expect(200);
        assertThat(scheduler.runDue(next.minusMinutes(10).toInstant(), List.of(id))).isEqualTo(1);
        assertThat(tasks(id)).hasSize(1);
    }

    @Test
    void aPromiseThatIsNotACallOpensNoCallbackTask() {
        String team = world.team();
        world.policy(team, null, 3000, null, 6000);
        Api agent = world.fixtures.api(world.user("AGENT", team));
        long id = world.ticket(agent, world.customer(CustomerTier.STANDARD), team, "发票周五前寄出").get("id").asLong();
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plusHours(2);
        agent.post("/api/v1/tickets/" + id + "/commitments", body("promise", "周五前寄出发票", "due", due.toString()))
                .expect(201);
        assertThat(scheduler.runDue(due.minusMinutes(10).toInstant(), List.of(id))).isEqualTo(1);
        assertThat(tasks(id)).isEmpty();
    }

    private List<Map<String, Object>> tasks(long ticketId) {
        return jdbc.sql("select reason, state, team_id, note from callback_task where ticket_id = ? order by id")
                .param(ticketId).query().listOfRows();
    }
}
