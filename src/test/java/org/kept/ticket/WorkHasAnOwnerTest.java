package org.kept.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15, "work that always has an owner", through the API: a recorded ticket is the agent's or a team's from the
 * start, a portal ticket goes to its category's team, and a refused request names every wrong field at once.
 */
@KeptTest
class WorkHasAnOwnerTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theAgentHandlesItOrSubmitsItToATeam() {
        CurrentUser agent = fixtures.user("AGENT", "hotline");
        Api api = fixtures.api(agent);
        long customer = fixtures.customer("归属客户").id();
        JsonNode mine = api.post("/api/v1/tickets", body("type", "INQUIRY", "subject", "话费查询", "customerId", customer,
                "handling", "SELF")).expect(201).json();
        assertThat(mine.path("assignee").path("id").asLong()).isEqualTo(agent.id());
        assertThat(mine.path("team").path("id").asLong()).isEqualTo(fixtures.team("hotline"));

        long hotline = fixtures.team("hotline");
        JsonNode submitted = api.post("/api/v1/tickets", body("type", "COMPLAINT", "subject", "退货未取件", "customerId",
                customer, "handling", "TEAM", "teamId", hotline, "assigneeId", agent.id())).expect(201).json();
        assertThat(submitted.path("team").path("id").asLong()).isEqualTo(hotline);
        assertThat(submitted.path("assignee").isNull() || submitted.path("assignee").isMissingNode()).isTrue();

        // another team's queue takes the right to assign to any team (issue 17), which a lead has
        long afterSales = fixtures.team("after-sales");
        api.post("/api/v1/tickets", body("type", "COMPLAINT", "subject", "退货未取件", "customerId", customer,
                "handling", "TEAM", "teamId", afterSales)).expect(403);
        JsonNode byLead = fixtures.api(fixtures.user("LEAD", "hotline")).post("/api/v1/tickets", body("type", "COMPLAINT",
                "subject", "退货未取件", "customerId", customer, "handling", "TEAM", "teamId", afterSales)).expect(201).json();
        assertThat(byLead.path("team").path("id").asLong()).isEqualTo(afterSales);
        assertThat(byLead.path("assignee").isNull() || byLead.path("assignee").isMissingNode()).isTrue();
    }

    @Test
    void aRefusedRequestNamesEveryWrongFieldAtOnce() {
        Api api = fixtures.api(fixtures.user("AGENT"));
        JsonNode problem = api.post("/api/v1/tickets", body("type", "INQUIRY", "subject", "话费",
                        "customerId", 987_654_321L, "category", "no-such-category", "contactPhone", "12ab", "handling", "TEAM"))
                .expect(422).json();
        List<String> fields = problem.path("errors").values().stream().map(e -> e.path("field").asString()).toList();
        assertThat(fields).containsExactlyInAnyOrder("teamId", "customerId", "category", "contactPhone");
        // what the body's own limits refuse is listed together too
        JsonNode shape = api.post("/api/v1/tickets", body("subject", "x".repeat(201), "customerId", 1)).expect(422).json();
        assertThat(shape.path("errors").values().stream().map(e -> e.path("field").asString()).toList())
                .contains("type", "subject");
        assertThat(problem.path("errors").values()).allSatisfy(e -> assertThat(e.path("message").asString()).isNotBlank());
    }

    @Test
    void aPortalTicketGoesToTheTeamItsCategoryNames() {
        Api customer = fixtures.api(fixtures.user("CUSTOMER"));
        Api agent = fixtures.api(fixtures.user("AGENT"));
        long id = customer.post("/api/v1/portal/tickets", body("type", "COMPLAINT", "category", "refund", "subject",
                "退款还没到", "description", "两周了")).expect(201).id();
        assertThat(agent.get("/api/v1/tickets/" + id).json().path("team").path("id").asLong()).isEqualTo(fixtures.team("after-sales"));
    }

    @Test
    void anAdministratorRoutesACategoryToAnotherTeam() {
        String code = "route-" + Long.toString(System.nanoTime(), 36);
        Api admin = fixtures.api(fixtures.user("ADMIN", null));
        admin.put("/api/v1/ticket-categories/" + code, body("nameZh", "路由测试", "nameEn", "Routing test")).expect(201);
        long online = fixtures.team("online");
        admin.put("/api/v1/ticket-categories/" + code + "/team", body("teamId", online)).expect(200);
        admin.put("/api/v1/ticket-categories/" + code + "/team", body("teamId", 987_654_321L)).expect(422);
        admin.put("/api/v1/ticket-categories/nothing-" + code + "/team", body("teamId", online)).expect(404);

        Api customer = fixtures.api(fixtures.user("CUSTOMER"));
        long id = customer.post("/api/v1/portal/tickets", body("type", "INQUIRY", "category", code, "subject", "路由",
                "description", "哪个组处理")).expect(201).id();
        assertThat(jdbc.sql("select team_id from ticket where id = ?").param(id).query(Long.class).single()).isEqualTo(online);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'category.team' and subject = ?")
                .param("category:" + code).query(Long.class).single()).isEqualTo(1L);
    }
}
