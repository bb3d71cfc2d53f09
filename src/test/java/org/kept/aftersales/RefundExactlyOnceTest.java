package org.kept.aftersales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.aftersales.internal.RefundDesk;
import org.kept.aftersales.internal.RefundState;
import org.kept.aftersales.internal.RefundWorker;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.kept.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Refunds exactly once: racing requests, a double click, two agents on one case, retries, a lost answer and a lost
 * notification resolved by a query, provider errors and refusals, and two workers (two instances) on the same refunds.
 * Whatever happens, no refund number moves money twice and a line never gives back more than was paid for it.
 */
@KeptTest
@Import(ScriptedProvider.Config.class)
class RefundExactlyOnceTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ScriptedProvider provider;

    @Autowired
    RefundWorker worker;

    @Autowired
    RefundDesk desk;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    Api agent;
    Api admin;
    long ticket;

    @BeforeEach
    void people() {
        provider.reset();
        var person = fixtures.user("AGENT");
        // exactly once is about the provider, not the limits: this agent's own limit covers every refund here
        // (RefundAuthorityTest is about the limits)
        jdbc.sql("insert into authority_limit (holder, action_code, currency, per_case_minor, updated_at, updated_by) "
                + "values (?, 'REFUND', 'CNY', 100000000, current_timestamp, 'test')").param("user:" + person.id()).update();
        agent = fixtures.api(person);
        admin = fixtures.api(fixtures.user("ADMIN"));
        ticket = fixtures.ticket(agent, fixtures.customer("退款客户").id(), "退款").id();
    }

    /** An order of one line paid {@code paid} through the scripted provider; returns the line id. */
    long order(String paid) {
        String no = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        Response r = admin.post("/api/v1/orders", body("orderNo", no, "placedAt", "2026-11-20T10:00:00+08:00",
                "currency", "CNY", "receiver", body("name", "张伟", "phone", "+8613900001111", "address", "上海市浦东新区世纪大道100号"),
                "lines", List.of(body("lineNo", 1, "title", "耳机", "quantity", 1, "paid", paid, "category", "ELECTRONICS")),
                "payments", List.of(body("provider", "SCRIPTED", "transactionId", "TX" + no, "amount", paid,
                        "paidAt", "2026-11-20T10:01:00+08:00")))).expect(201);
        return r.json().path("lines").path(0).path("id").asLong();
    }

    long refunded(long line) {
        return jdbc.sql("select refunded_minor from aftersales_order_line where id = ?").param(line).query(Long.class).single();
    }

    long movedFor(long line) {
        return jdbc.sql("select refund_no from aftersales_refund where line_id = ?").param(line).query(String.class).list()
                .stream().mapToLong(n -> provider.moved.getOrDefault(n, 0L)).sum();
    }

    void noNumberMovedTwice() {
        assertThat(provider.movements.values()).allMatch(n -> n.get() == 1);
    }

    static <T> List<T> race(int threads, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<T>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                calls.add(call);
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void thirtyTwoRacingRequestsNeverRefundMoreThanWasPaid() throws Exception {
        long line = order("100.00");
        List<Integer> statuses = race(32, () -> agent.post("/api/v1/refunds",
                body("ticketId", ticket, "lineId", line, "amount", "10.00", "reason", "并发")).status());
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(10);
        assertThat(refunded(line)).isEqualTo(10_000);
        assertThat(movedFor(line)).isEqualTo(10_000);
        noNumberMovedTwice();
        // the database refuses what Java would let slip: the cap is a constraint too
        assertThat(jdbc.sql("select count(*) from aftersales_refund where line_id = ?").param(line).query(Long.class).single())
                .isEqualTo(10);
    }

    @Test
    void aDoubleClickWithOneIdempotencyKeyRefundsOnce() throws Exception {
        long line = order("59.90");
        String key = UUID.randomUUID().toString();
        Api keyed = agent.header("Idempotency-Key", key);
        List<Response> answers = race(8, () -> keyed.post("/api/v1/refunds", body("ticketId", ticket, "lineId", line, "amount", "59.90")));
        assertThat(answers).allMatch(r -> r.status() == 201 || r.status() == 200);
        assertThat(answers.stream().map(r -> r.json().path("id").asLong()).distinct()).hasSize(1);
        assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(1);
        assertThat(refunded(line)).isEqualTo(5_990);
        assertThat(movedFor(line)).isEqualTo(5_990);
        noNumberMovedTwice();
    }

    @Test
    void twoAgentsRefundingOneCaseMakeOneRefund() throws Exception {
        long line = order("30.00");
        long orderId = jdbc.sql("select order_id from aftersales_order_line where id = ?").param(line).query(Long.class).single();
        long customer = fixtures.customer("售后客户").id();
        long ticket = fixtures.ticket(agent, customer, "退款").id();
        long aCase = agent.post("/api/v1/aftersales/cases", body("ticketId", ticket, "orderId", orderId, "kind", "REFUND_ONLY",
                "lineIds", List.of(line), "reason", "未发货")).expect(201).id();
        Api other = fixtures.api(fixtures.user("LEAD"));
        List<Api> agents = List.of(agent, other);
        java.util.concurrent.atomic.AtomicInteger who = new java.util.concurrent.atomic.AtomicInteger();
        List<Response> answers = race(2, () -> agents.get(who.getAndIncrement() % 2).post("/api/v1/refunds",
                body("ticketId", ticket, "lineId", line, "amount", "30.00", "caseId", aCase)));
        assertThat(answers.stream().map(r -> r.json().path("id").asLong()).distinct()).hasSize(1);
        assertThat(answers.stream().map(Response::status)).containsExactlyInAnyOrder(201, 200);
        assertThat(refunded(line)).isEqualTo(3_000);
        noNumberMovedTwice();
    }

    @Test
    void aLostAnswerAndALostNotificationAreSettledByTheWorkerWithTheSameNumber() {
        long line = order("88.00");
        provider.script.add(ScriptedProvider.Next.LOST_ANSWER);
        Response r = agent.post("/api/v1/refunds", body("ticketId", ticket, "lineId", line, "amount", "88.00")).expect(201);
        long id = r.id();
        assertThat(r.json().path("state").asString()).isEqualTo("REQUESTED");
        String number = r.json().path("refundNo").asString();
        // within the lease nobody sends it again
        assertThat(worker.runDue()).isZero();
        try (var later = clock.moved(Duration.ofMinutes(2))) {
            worker.runDue();
            assertThat(desk.get(id).state()).isEqualTo(RefundState.PROCESSING);
        }
        // the notification never comes: the query a while later settles it
        try (var later = clock.moved(Duration.ofMinutes(5))) {
            worker.runDue();
        }
        assertThat(desk.get(id).state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(provider.movements.get(number).get()).isEqualTo(1);
        assertThat(provider.submits.get()).isEqualTo(2);
        assertThat(refunded(line)).isEqualTo(8_800);
    }

    @Test
    void aProviderErrorKeepsTheAmountHeldAndTheRetrySucceeds() {
        long line = order("20.00");
        provider.script.add(ScriptedProvider.Next.ERROR);
        provider.script.add(ScriptedProvider.Next.ERROR);
        long id = agent.post("/api/v1/refunds", body("ticketId", ticket, "lineId", line, "amount", "20.00")).expect(201).id();
        assertThat(desk.get(id).state()).isEqualTo(RefundState.REQUESTED);
        assertThat(refunded(line)).isEqualTo(2_000);
        // while it is in doubt, nobody can refund the same money again
        agent.post("/api/v1/refunds", body("ticketId", ticket, "lineId", line, "amount", "0.01")).expect(409);
        try (var later = clock.moved(Duration.ofMinutes(2))) {
            worker.runDue();
            assertThat(desk.get(id).state()).isEqualTo(RefundState.REQUESTED);
            assertThat(desk.get(id).attempts()).isEqualTo(2);
        }
        try (var later = clock.moved(Duration.ofMinutes(10))) {
            worker.runDue();
            assertThat(desk.get(id).state()).isEqualTo(RefundState.PROCESSING);
        }
        noNumberMovedTwice();
        assertThat(movedFor(line)).isEqualTo(2_000);
    }

    @Test
    void aRefusedRefundGivesItsAmountBackOnceAndANewRefundCanTakeIt() {
        long line = order("15.00");
        provider.script.add(ScriptedProvider.Next.REFUSE);
        long id = agent.post("/api/v1/refunds", body("ticketId", ticket, "lineId", line, "amount", "15.00")).expect(201).id();
        assertThat(desk.get(id).state()).isEqualTo(RefundState.FAILED);
        assertThat(refunded(line)).isZero();
        // a late duplicate of the refusal changes nothing and gives nothing back twice
        agent.post("/api/v1/refunds", body("ticketId", ticket, "lineId", line, "amount", "15.00")).expect(201);
        assertThat(refunded(line)).isEqualTo(1_500);
        assertThat(movedFor(line)).isEqualTo(1_500);
    }

    @Test
    void twoWorkersOnTheSameDueRefundsSendEachOnce() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            provider.script.add(ScriptedProvider.Next.ERROR);
        }
        for (int i = 0; i < 10; i++) {
            long line = order("5.00");
            ids.add(agent.post("/api/v1/refunds", body("ticketId", ticket, "lineId", line, "amount", "5.00")).expect(201).id());
        }
        provider.reset();
        try (var later = clock.moved(Duration.ofMinutes(2))) {
            List<Integer> taken = race(2, worker::runDue);
            assertThat(taken.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(10);
        }
        // every refund was submitted again once, by one of the two
        long ours = ids.stream().filter(id -> desk.get(id).state() == RefundState.PROCESSING).count();
        assertThat(ours).isEqualTo(10);
        assertThat(provider.submits.get()).isEqualTo(jdbc.sql("select count(*) from aftersales_refund where state = 'PROCESSING' "
                + "and id in (" + ids.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow() + ")")
                .query(Long.class).single().intValue());
        noNumberMovedTwice();
    }

    @Test
    void aNotificationAfterTheEndChangesNothing() {
        long line = order("12.00");
        long id = agent.post("/api/v1/refunds", body("ticketId", ticket, "lineId", line, "amount", "12.00")).expect(201).id();
        try (var later = clock.moved(Duration.ofMinutes(5))) {
            worker.runDue();
        }
        assertThat(desk.get(id).state()).isEqualTo(RefundState.SUCCEEDED);
        String hook = "/api/v1/hooks/refunds/" + hookToken() + "/simulated";
        // the simulated provider's notification for another provider's refund is not taken for it
        fixtures.api().post(hook, Map.of("out_refund_no", desk.get(id).refundNo(), "status", "CLOSED")).expect(200);
        assertThat(desk.get(id).state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(refunded(line)).isEqualTo(1_200);
        fixtures.api().post("/api/v1/hooks/refunds/wrong-token/simulated", Map.of("out_refund_no", "x", "status", "SUCCESS"))
                .expect(404);
    }

    @Autowired
    org.kept.aftersales.internal.AftersalesSettings settings;

    String hookToken() {
        return settings.hookToken();
    }

    static OffsetDateTime at(String s) {
        return OffsetDateTime.parse(s);
    }
}
