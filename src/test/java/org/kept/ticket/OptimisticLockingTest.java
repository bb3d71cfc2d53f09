package org.kept.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Two agents working the same ticket cannot overwrite each other silently: the second one hears why. */
@KeptTest
class OptimisticLockingTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Api alice;
    Api bob;
    long ticket;
    String number;
    long hotline;
    long online;

    @BeforeEach
    void twoAgentsOpenTheSameTicket() {
        alice = fixtures.api(fixtures.user("LEAD"));
        bob = fixtures.api(fixtures.user("LEAD"));
        Response created = fixtures.ticket(alice, fixtures.customer("孙悟空").id(), "两人同时处理");
        ticket = created.id();
        number = created.json().path("number").asString();
        hotline = fixtures.team("hotline");
        online = fixtures.team("online");
    }

    @Test
    void theSecondTransitionWithTheSameVersionIsAConflictWithAHumanMessage() {
        int version = alice.get(path("")).expect(200).version();
        assertThat(bob.get(path("")).expect(200).version()).isEqualTo(version);

        alice.post(path("/transitions"), body("to", "PENDING_INTERNAL", "version", version)).expect(200);
        Response stale = bob.post(path("/transitions"), body("to", "RESOLVED", "version", version));

        assertConflict(stale);
        assertThat(alice.get(path("")).json().path("state").asString()).isEqualTo("PENDING_INTERNAL");
        assertThat(entries("STATE")).isEqualTo(1);
    }

    @Test
    void theSecondAssignmentWithTheSameVersionIsAConflict() {
        int version = alice.get(path("")).expect(200).version();
        alice.put(path("/assignment"), body("teamId", hotline, "version", version)).expect(200);
        assertConflict(bob.put(path("/assignment"), body("teamId", online, "version", version)));
        assertThat(alice.get(path("")).json().path("team").path("id").asLong()).isEqualTo(hotline);
        assertThat(entries("ASSIGNMENT")).isEqualTo(1);
    }

    @Test
    void aStalePriorityChangeOrReplyIsAConflictToo() {
        int version = alice.get(path("")).expect(200).version();
        alice.put(path("/priority"), body("priority", "P1", "version", version)).expect(200);
        assertConflict(bob.put(path("/priority"), body("priority", "P4", "version", version)));
        assertConflict(bob.post(path("/replies"), body("body", "您好", "version", version)));
        assertConflict(bob.post(path("/notes"), body("body", "备注", "version", version)));
        assertThat(entries("PRIORITY")).isEqualTo(1);
        assertThat(entries("REPLY") + entries("NOTE")).isZero();
        assertThat(alice.get(path("")).json().path("priority").asString()).isEqualTo("P1");
    }

    @Test
    void twoTransitionsAtTheSameMomentLeaveOneWinnerAndOneTimelineEntry() throws Exception {
        racing(v -> body("to", "PENDING_CUSTOMER", "version", v), v -> body("to", "RESOLVED", "version", v), "/transitions",
                "POST");
        assertThat(entries("STATE")).isEqualTo(1);
        JsonNode now = alice.get(path("")).json();
        assertThat(now.path("version").asInt()).isEqualTo(1);
        assertThat(now.path("state").asString()).isIn("PENDING_CUSTOMER", "RESOLVED");
    }

    @Test
    void twoAssignmentsAtTheSameMomentLeaveOneWinnerAndOneTimelineEntry() throws Exception {
        racing(v -> body("teamId", hotline, "version", v), v -> body("teamId", online, "version", v), "/assignment", "PUT");
        assertThat(entries("ASSIGNMENT")).isEqualTo(1);
        assertThat(alice.get(path("")).json().path("version").asInt()).isEqualTo(1);
    }

    private void racing(Function<Integer, Map<String, Object>> first, Function<Integer, Map<String, Object>> second,
                        String action, String method) throws Exception {
        int version = alice.get(path("")).expect(200).version();
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Response> a = CompletableFuture.supplyAsync(() -> await(go, () -> alice.send(method, path(action),
                first.apply(version))));
        CompletableFuture<Response> b = CompletableFuture.supplyAsync(() -> await(go, () -> bob.send(method, path(action),
                second.apply(version))));
        go.countDown();
        List<Response> both = List.of(a.get(), b.get());
        assertThat(both).extracting(Response::status).as(both.toString()).containsExactlyInAnyOrder(200, 409);
        assertConflict(both.stream().filter(r -> r.status() == 409).findFirst().orElseThrow());
    }

    private static Response await(CountDownLatch go, java.util.function.Supplier<Response> call) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return call.get();
    }

    private void assertConflict(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(409);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).contains(number).contains("Reload");
    }

    private long entries(String kind) {
        return jdbc.sql("select count(*) from ticket_entry where ticket_id = ? and kind = ?").params(ticket, kind)
                .query(Long.class).single();
    }

    private String path(String action) {
        return "/api/v1/tickets/" + ticket + action;
    }

}
