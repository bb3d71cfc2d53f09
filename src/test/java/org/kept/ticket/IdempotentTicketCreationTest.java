package org.kept.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code POST /api/v1/tickets} with an Idempotency-Key: the same key and body give the same ticket, never two. */
@KeptTest
class IdempotentTicketCreationTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    CurrentUser agentUser;
    Api agent;
    long customer;
    String key;

    @BeforeEach
    void anAgentAndACustomer() {
        agentUser = fixtures.user("AGENT");
        agent = fixtures.api(agentUser);
        customer = fixtures.customer("钱多多").id();
        key = UUID.randomUUID().toString();
    }

    Map<String, Object> request(String subject) {
        return body("type", "COMPLAINT", "priority", "P2", "subject", subject, "description", "重复扣费两次",
                "customerId", customer);
    }

    @Test
    void theSameKeyAndBodyTwiceGiveTheSameTicket() {
        Response first = agent.header("Idempotency-Key", key).post("/api/v1/tickets", request("重复扣费")).expect(201);
        Response again = agent.header("Idempotency-Key", key).post("/api/v1/tickets", request("重复扣费")).expect(200);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.json().path("number").asString()).isEqualTo(first.json().path("number").asString());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(ticketsOfCustomer()).isEqualTo(1);
    }

    @Test
    void twentyIdenticalRequestsAtOnceCreateExactlyOneTicket() throws Exception {
        List<Response> responses = atOnce(20, agent.header("Idempotency-Key", key));
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 201));
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).extracting(Response::id).containsOnly(responses.get(0).id());
        assertThat(ticketsOfCustomer()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from idempotency_record where caller_id = ?").param(agentUser.id())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void twentyRequestsAtOnceWithoutAKeyAreTwentyTicketsWithTwentyNumbers() throws Exception {
        List<Response> responses = atOnce(20, agent);
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        assertThat(responses).extracting(r -> r.json().path("number").asString()).doesNotHaveDuplicates();
        assertThat(ticketsOfCustomer()).isEqualTo(20);
    }

    /** The same ticket request from {@code clients} threads released together. */
    private List<Response> atOnce(int clients, Api caller) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return caller.post("/api/v1/tickets", request("同时提交"));
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameKeyWithADifferentBodyIsRefused() {
        Response first = agent.header("Idempotency-Key", key).post("/api/v1/tickets", request("重复扣费")).expect(201);
        Response other = agent.header("Idempotency-Key", key).post("/api/v1/tickets", request("另一件事"));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(other.detail()).contains(key);
        assertThat(ticketsOfCustomer()).isEqualTo(1);
        assertThat(first.id()).isPositive();
    }

    @Test
    void keysBelongToTheCallerSoTwoAgentsWithTheSameKeyGetTwoTickets() {
        Api colleague = fixtures.api(fixtures.user("AGENT"));
        Response mine = agent.header("Idempotency-Key", key).post("/api/v1/tickets", request("两位坐席")).expect(201);
        Response theirs = colleague.header("Idempotency-Key", key).post("/api/v1/tickets", request("两位坐席")).expect(201);
        assertThat(theirs.id()).isNotEqualTo(mine.id());
        assertThat(ticketsOfCustomer()).isEqualTo(2);
    }

    @Test
    void withoutAKeyEveryRequestIsANewTicket() {
        agent.post("/api/v1/tickets", request("无键")).expect(201);
        agent.post("/api/v1/tickets", request("无键")).expect(201);
        assertThat(ticketsOfCustomer()).isEqualTo(2);
    }

    @Test
    void anOverlongKeyIsRefused() {
        Response response = agent.header("Idempotency-Key", "k".repeat(101)).post("/api/v1/tickets", request("长键"));
        assertThat(response.status()).isEqualTo(422);
        assertThat(ticketsOfCustomer()).isZero();
    }

    private long ticketsOfCustomer() {
        return jdbc.sql("select count(*) from ticket where customer_id = ?").param(customer).query(Long.class).single();
    }
}
