package org.kept.sla.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.kept.customer.CustomerTier;
import org.kept.customer.Customers;
import org.kept.customer.NewCustomer;
import org.kept.identity.CurrentUser;
import org.kept.identity.IdentityChanged;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.TestClock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.context.TestComponent;
import tools.jackson.databind.JsonNode;

/** A team of its own with its own SLA policy, so a test's deadlines depend on nothing another test does. */
@TestComponent
class SlaWorld {

    final JdbcClient jdbc;
    final Fixtures fixtures;
    final PolicyStore policies;
    final Customers customers;
    final ApplicationEventPublisher events;
    final org.kept.shared.CentreZone zone;
    final TestClock clock;

    SlaWorld(JdbcClient jdbc, Fixtures fixtures, PolicyStore policies, Customers customers, ApplicationEventPublisher events,
             org.kept.shared.CentreZone zone, TestClock clock) {
        this.zone = zone;
        this.clock = clock;
        this.jdbc = jdbc;
        this.fixtures = fixtures;
        this.policies = policies;
        this.customers = customers;
        this.events = events;
    }

    /** A team of its own with a policy (targets in minutes) and an agent in it. */
    record Desk(String team, CurrentUser agentUser, Api agent) {
    }

    Desk desk(int firstResponse, Integer nextUpdate, int resolution) {
        String team = team();
        policy(team, null, firstResponse, nextUpdate, resolution);
        CurrentUser agent = user("AGENT", team);
        return new Desk(team, agent, fixtures.api(agent));
    }

    /** A new team; returns its code. */
    String team() {
        String code = "sla-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into team (code, name) values (?, ?)").params(code, "时钟组 " + code).update();
        refresh();
        return code;
    }

    /** Drops the cached directory so people just inserted are seen at once. */
    void refresh() {
        events.publishEvent(new IdentityChanged("test", "test.refresh", "directory", ""));
    }

    CurrentUser user(String role, String team) {
        CurrentUser u = fixtures.user(role, team);
        refresh();
        return u;
    }

    long policy(String team, CustomerTier tier, int firstResponse, Integer nextUpdate, int resolution) {
        return policies.insert(new Policy(0, "测试 " + team, 10, null, null, null, null, fixtures.team(team), tier, null,
                firstResponse, nextUpdate, resolution, 80, 50, 0));
    }

    long customer(CustomerTier tier) {
        return customers.create(new NewCustomer("时钟客户", tier, null, List.of(), List.of()), "test").id();
    }

    JsonNode ticket(Api api, long customer, String team, String subject) {
        return api.post("/api/v1/tickets", Api.body("type", "COMPLAINT", "subject", subject, "customerId", customer,
                "teamId", fixtures.team(team))).expect(201).json();
    }

    static Instant at(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : OffsetDateTime.parse(v.asString()).toInstant();
    }

    List<String> kinds(Api api, long ticket) {
        return api.get("/api/v1/tickets/" + ticket + "/timeline").expect(200).json().valueStream()
                .map(e -> e.get("kind").asString()).toList();
    }

    /**
     * Publishes a roster of the team for the day of {@code at} that lists {@code user} without a shift, so the real
     * {@code OnShift} (published rosters) says they are off then.
     */
    void offShift(CurrentUser user, String team, Instant at) {
        java.time.LocalDate day = at.atZone(zone.zone()).toLocalDate();
        org.springframework.jdbc.support.GeneratedKeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into wf_roster (name, team_id, starts_on, days, state, created_by, created_at, published_at) "
                        + "values (?, ?, ?, 1, 'PUBLISHED', ?, ?, ?)")
                .params("休息 " + team, fixtures.team(team), day, user.id(), OffsetDateTime.now(), OffsetDateTime.now())
                .update(key, "id");
        jdbc.sql("insert into wf_roster_member (roster_id, user_id) values (?, ?)")
                .params(key.getKey().longValue(), user.id()).update();
        jdbc.sql("insert into wf_roster_member_skill (roster_id, user_id, skill) values (?, ?, 'HOTLINE')")
                .params(key.getKey().longValue(), user.id()).update();
    }
}
