package org.kept.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.customer.CustomerTier;
import org.kept.customer.Customers;
import org.kept.customer.NewCustomer;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.springframework.beans.factory.annotation.Autowired;

/** The guards a reviewer asked for: nothing a customer writes goes unseen, nobody holds a ticket they cannot work. */
@KeptTest
class TicketGuardsTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Customers customers;

    @Test
    void aCustomerWritingOnAClosedTicketPutsItBackInTheQueue() {
        CurrentUser customerUser = fixtures.user("CUSTOMER");
        Api customer = fixtures.api(customerUser);
        Api agent = fixtures.api(fixtures.user("AGENT"));
        long id = fixtures.ticket(agent, customerUser.customerId(), "退款未到账").id();
        agent.post("/api/v1/tickets/" + id + "/transitions", body("to", "CLOSED", "version", 0)).expect(200);
        customer.post("/api/v1/portal/tickets/" + id + "/replies", body("body", "还没收到退款，问题没有解决")).expect(200);
        assertThat(agent.get("/api/v1/tickets/" + id).json().path("state").asString()).isEqualTo("OPEN");
    }

    @Test
    void theAssigneeMustBelongToTheChosenTeamAndBeEnabled() {
        CurrentUser lead = fixtures.user("LEAD");
        Api leadApi = fixtures.api(lead);
        long customer = fixtures.customer("王芳").id();
        long id = fixtures.ticket(leadApi, customer, "宽带断网").id();
        CurrentUser hotlineAgent = fixtures.user("AGENT", "hotline");
        Response wrongTeam = leadApi.put("/api/v1/tickets/" + id + "/assignment",
                body("teamId", fixtures.team("after-sales"), "assigneeId", hotlineAgent.id(), "version", 0));
        assertThat(wrongTeam.status()).isEqualTo(422);
        CurrentUser customerUser = fixtures.user("CUSTOMER");
        assertThat(leadApi.put("/api/v1/tickets/" + id + "/assignment",
                body("assigneeId", customerUser.id(), "version", 0)).status()).isEqualTo(422);
        leadApi.put("/api/v1/tickets/" + id + "/assignment",
                body("teamId", fixtures.team("hotline"), "assigneeId", hotlineAgent.id(), "version", 0)).expect(200);
    }

    @Test
    void revealingAValueThatDoesNotExistIsRefusedAndNotAudited() {
        long customer = customers.create(new NewCustomer("无电话客户", CustomerTier.STANDARD, null, List.of(), List.of()), "test").id();
        CurrentUser agentUser = fixtures.user("AGENT");
        Api agent = fixtures.api(agentUser);
        long id = fixtures.ticket(agent, customer, "咨询").id();
        assertThat(agent.post("/api/v1/tickets/" + id + "/reveal", body("reason", "客户要求回电")).status()).isEqualTo(422);
        assertThat(agent.post("/api/v1/customers/" + customer + "/reveal", body("field", "phone", "reason", "客户要求回电"))
                .status()).isEqualTo(422);
        Api compliance = fixtures.api(fixtures.user("COMPLIANCE", null));
        assertThat(compliance.get("/api/v1/audit/entries?actor=" + agentUser.username()).json().values())
                .noneMatch(e -> e.path("action").asString().equals("pii.reveal"));
    }

    @Test
    void listsRefusePagesDeeperThanTenThousandRows() {
        Api agent = fixtures.api(fixtures.user("AGENT"));
        assertThat(agent.get("/api/v1/tickets?page=399&size=25").expect(200).json().path("items").isArray()).isTrue();
        Response tooDeep = agent.get("/api/v1/tickets?page=400&size=25");
        assertThat(tooDeep.status()).isEqualTo(422);
        assertThat(tooDeep.detail()).contains("10,000");
    }

    @Test
    void givingATicketToAnotherTeamTakesTheRightToAssignAnyEvenWithoutAPerson() {
        Api agent = fixtures.api(fixtures.user("AGENT", "hotline"));
        long customer = fixtures.customer("郑州").id();
        long afterSales = fixtures.team("after-sales");
        long hotline = fixtures.team("hotline");

        // recording a ticket straight into another team's queue
        Response created = agent.post("/api/v1/tickets", body("type", "INQUIRY", "subject", "转给售后", "customerId", customer,
                "teamId", afterSales));
        assertThat(created.status()).as(created.toString()).isEqualTo(403);
        long id = agent.post("/api/v1/tickets", body("type", "INQUIRY", "subject", "本组处理", "customerId", customer,
                "teamId", hotline)).expect(201).id();

        // moving one there later
        Response moved = agent.put("/api/v1/tickets/" + id + "/assignment", body("teamId", afterSales, "version", 0));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(403);
        assertThat(moved.contentType()).startsWith("application/problem+json");
        assertThat(agent.get("/api/v1/tickets/" + id).json().path("team").path("id").asLong()).isEqualTo(hotline);
        // its own team stays open to the agent
        agent.put("/api/v1/tickets/" + id + "/assignment", body("teamId", hotline, "version", 0)).expect(200);

        // a lead may give it to any team
        fixtures.api(fixtures.user("LEAD", "hotline")).put("/api/v1/tickets/" + id + "/assignment",
                body("teamId", afterSales, "version", 1)).expect(200);
        fixtures.api(fixtures.user("LEAD", "hotline")).post("/api/v1/tickets", body("type", "INQUIRY", "subject", "组长转售后",
                "customerId", customer, "teamId", afterSales)).expect(201);
    }
}
