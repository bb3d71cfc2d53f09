package org.kept.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Workforce writes a client may retry: the same Idempotency-Key and body give the same result and no second effect. */
@KeptTest
class WorkforceIdempotencyTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    private static String key() {
        return "wf-" + UUID.randomUUID();
    }

    private Map<String, Object> roster(String name, List<Long> members) {
        LocalDate day = LocalDate.of(2060, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));
        return Api.body("name", name, "startsOn", day.toString(), "days", 1, "memberIds", members);
    }

    private long rostersNamed(String name) {
        return jdbc.sql("select count(*) from wf_roster where name = ?").param(name).query(Long.class).single();
    }

    @Test
    void aRetriedRosterCreateSolveAndPublishHappenOnce() throws Exception {
        Api planner = fixtures.api(fixtures.user("PLANNER", null));
        List<Long> members = List.of(fixtures.user("AGENT").id(), fixtures.user("AGENT").id());
        String name = "重试排班 " + UUID.randomUUID();
        Map<String, Object> body = roster(name, members);
        String key = key();

        Response first = planner.header("Idempotency-Key", key).post("/api/v1/workforce/rosters", body).expect(201);
        Response again = planner.header("Idempotency-Key", key).post("/api/v1/workforce/rosters", body).expect(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(first.header("Location")).endsWith("/api/v1/workforce/rosters/" + first.id());
        Response other = planner.header("Idempotency-Key", key).post("/api/v1/workforce/rosters", roster(name, members.subList(0, 1)));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.detail()).contains(key);
        assertThat(rostersNamed(name)).isEqualTo(1);

        long id = first.id();
        String solveKey = key();
        planner.header("Idempotency-Key", solveKey).post("/api/v1/workforce/rosters/" + id + "/solve?seconds=1", null).expect(202);
        String state = awaitSolved(planner, id);
        assertThat(state).isEqualTo("SOLVED");
        // without a key this would start a second solve; with the same key it only reports the roster
        Response replayedSolve = planner.header("Idempotency-Key", solveKey)
                .post("/api/v1/workforce/rosters/" + id + "/solve?seconds=1", null).expect(202);
        assertThat(replayedSolve.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayedSolve.json().get("state").asString()).isEqualTo("SOLVED");
        assertThat(planner.header("Idempotency-Key", solveKey)
                .post("/api/v1/workforce/rosters/" + id + "/solve?seconds=2", null).status()).isEqualTo(422);

        String publishKey = key();
        planner.header("Idempotency-Key", publishKey).post("/api/v1/workforce/rosters/" + id + "/publish", null).expect(200);
        Response publishedAgain = planner.header("Idempotency-Key", publishKey)
                .post("/api/v1/workforce/rosters/" + id + "/publish", null).expect(200);
        assertThat(publishedAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(publishedAgain.json().get("state").asString()).isEqualTo("PUBLISHED");
        planner.post("/api/v1/workforce/rosters/" + id + "/publish", null).expect(409); // a blind retry without a key
    }

    private static String awaitSolved(Api planner, long id) throws InterruptedException {
        String state = "";
        for (int i = 0; i < 300 && !state.equals("SOLVED") && !state.equals("FAILED"); i++) {
            Thread.sleep(100);
            state = planner.get("/api/v1/workforce/rosters/" + id).expect(200).json().get("state").asString();
        }
        return state;
    }

    @Test
    void rosterCreatesRacingWithOneKeyMakeOneRoster() throws Exception {
        Api planner = fixtures.api(fixtures.user("PLANNER", null));
        String name = "并发排班 " + UUID.randomUUID();
        Map<String, Object> body = roster(name, List.of(fixtures.user("AGENT").id()));
        String key = key();
        List<Response> answers = atOnce(6, () -> planner.header("Idempotency-Key", key).post("/api/v1/workforce/rosters", body));
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 201));
        assertThat(answers).extracting(Response::id).containsOnly(answers.get(0).id());
        assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(rostersNamed(name)).isEqualTo(1);
    }

    @Test
    void handoverDraftSignaturesAndNoticesSurviveRetries() {
        String team = "wfi-" + Long.toString(System.nanoTime(), 36);
        jdbc.sql("insert into team (code, name) values (?, ?)").params(team, "幂等交接组").update();
        CurrentUser outgoing = fixtures.user("AGENT", team);
        CurrentUser incoming = fixtures.user("AGENT", team);
        Api out = fixtures.api(outgoing);
        String key = key();
        Map<String, Object> draft = Api.body("incomingId", incoming.id());
        Response first = out.header("Idempotency-Key", key).post("/api/v1/workforce/handovers", draft).expect(201);
        Response again = out.header("Idempotency-Key", key).post("/api/v1/workforce/handovers", draft).expect(200);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(out.header("Idempotency-Key", key).post("/api/v1/workforce/handovers", Api.body()).status()).isEqualTo(422);
        assertThat(sheetsOf(outgoing)).isEqualTo(1);

        long id = first.id();
        int version = first.json().get("version").asInt();
        String signKey = key();
        Map<String, Object> signature = Api.body("version", version, "notes", "客户 A 明早回电");
        out.header("Idempotency-Key", signKey).post("/api/v1/workforce/handovers/" + id + "/sign", signature).expect(200);
        // the sheet moved on: a blind retry is refused, a keyed one is answered with the signed sheet
        assertThat(out.post("/api/v1/workforce/handovers/" + id + "/sign", signature).status()).isIn(403, 409);
        JsonNode replayed = out.header("Idempotency-Key", signKey).post("/api/v1/workforce/handovers/" + id + "/sign", signature)
                .expect(200).json();
        assertThat(replayed.get("state").asString()).isEqualTo("OUTGOING_SIGNED");

        Api in = fixtures.api(incoming);
        String inKey = key();
        Map<String, Object> countersign = Api.body("version", replayed.get("version").asInt(), "notes", "已阅");
        in.header("Idempotency-Key", inKey).post("/api/v1/workforce/handovers/" + id + "/sign", countersign).expect(200);
        Response inAgain = in.header("Idempotency-Key", inKey).post("/api/v1/workforce/handovers/" + id + "/sign", countersign)
                .expect(200);
        assertThat(inAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(inAgain.json().get("state").asString()).isEqualTo("COMPLETED");

        Api planner = fixtures.api(fixtures.user("PLANNER", null));
        String title = "上线通知 " + UUID.randomUUID();
        Map<String, Object> notice = Api.body("title", title, "body", "X 套餐上线", "kind", "LAUNCH",
                "effectiveAt", Instant.parse("2030-01-01T01:00:00Z").toString());
        String noticeKey = key();
        long noticeId = planner.header("Idempotency-Key", noticeKey).post("/api/v1/workforce/notices", notice).expect(201).id();
        assertThat(planner.header("Idempotency-Key", noticeKey).post("/api/v1/workforce/notices", notice).expect(200).id())
                .isEqualTo(noticeId);
        assertThat(jdbc.sql("select count(*) from wf_notice where title = ?").param(title).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void handoverDraftsRacingWithOneKeyMakeOneSheet() throws Exception {
        CurrentUser outgoing = fixtures.user("AGENT", null);
        Api out = fixtures.api(outgoing);
        String key = key();
        List<Response> answers = atOnce(6, () -> out.header("Idempotency-Key", key).post("/api/v1/workforce/handovers", Api.body()));
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 201));
        assertThat(answers).extracting(Response::id).containsOnly(answers.get(0).id());
        assertThat(sheetsOf(outgoing)).isEqualTo(1);
    }

    private long sheetsOf(CurrentUser user) {
        return jdbc.sql("select count(*) from wf_handover where outgoing_id = ?").param(user.id()).query(Long.class).single();
    }

    /** The same call from {@code clients} threads released together. */
    private static List<Response> atOnce(int clients, Callable<Response> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
