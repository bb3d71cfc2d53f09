package org.kept.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Revealing one masked value takes a reason and the permission, and every reveal is in the audit log. */
@KeptTest
class PersonalDataRevealTest {

    @Autowired
    Fixtures fixtures;

    CurrentUser agentUser;
    Api agent;
    Api outsourced;
    Api compliance;
    Customer customer;
    Response ticket;

    @BeforeEach
    void aCustomerWithATicket() {
        agentUser = fixtures.user("AGENT");
        agent = fixtures.api(agentUser);
        outsourced = fixtures.api(fixtures.user("OUTSOURCED"));
        compliance = fixtures.api(fixtures.user("COMPLIANCE", null));
        customer = fixtures.customer("赵敏");
        ticket = agent.post("/api/v1/tickets", body("type", "INQUIRY", "subject", "查询退款进度", "customerId", customer.id(),
                "contactPhone", "021-6888 8888")).expect(201);
    }

    @Test
    void anAgentRevealsACustomersPhoneAndEmailWithAReasonAndTheRevealIsAudited() {
        Response phone = agent.post("/api/v1/customers/" + customer.id() + "/reveal",
                body("field", "phone", "reason", "客户要求回电，核实号码")).expect(200);
        assertThat(phone.json().path("value").asString()).isEqualTo(customer.primaryPhone());
        Response email = agent.post("/api/v1/customers/" + customer.id() + "/reveal",
                body("field", "email", "reason", "发送退款凭证")).expect(200);
        assertThat(email.json().path("value").asString()).isEqualTo(customer.primaryEmail());

        List<JsonNode> reveals = reveals("customer:" + customer.id());
        assertThat(reveals).hasSize(2).allSatisfy(entry -> assertThat(entry.path("actor").asString())
                .isEqualTo(agentUser.username()));
        assertThat(reveals).extracting(e -> e.path("details").asString())
                .containsExactlyInAnyOrder("phone: 客户要求回电，核实号码", "email: 发送退款凭证");
    }

    @Test
    void anAgentRevealsATicketsContactPhoneWithAReasonAndTheRevealIsAudited() {
        Response revealed = agent.post("/api/v1/tickets/" + ticket.id() + "/reveal", body("reason", "按约定时间回电")).expect(200);
        assertThat(revealed.json().path("value").asString()).isEqualTo("+862168888888");
        String subject = "ticket:" + ticket.json().path("number").asString();
        assertThat(reveals(subject)).singleElement().satisfies(entry -> {
            assertThat(entry.path("actor").asString()).isEqualTo(agentUser.username());
            assertThat(entry.path("details").asString()).contains("按约定时间回电");
        });
    }

    @Test
    void anOutsourcedAgentCannotRevealAndNothingIsRevealed() {
        Response onCustomer = outsourced.post("/api/v1/customers/" + customer.id() + "/reveal",
                body("field", "phone", "reason", "想看看号码"));
        Response onTicket = outsourced.post("/api/v1/tickets/" + ticket.id() + "/reveal", body("reason", "想看看号码"));
        for (Response refused : List.of(onCustomer, onTicket)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.body()).doesNotContain(customer.primaryPhone(), "68888888");
        }
        assertThat(reveals("customer:" + customer.id())).isEmpty();
        assertThat(reveals("ticket:" + ticket.json().path("number").asString())).isEmpty();
    }

    @Test
    void aRevealWithoutAGoodReasonIsRefusedAndNotAudited() {
        String path = "/api/v1/customers/" + customer.id() + "/reveal";
        List<Response> refused = List.of(
                agent.post(path, body("field", "phone")),
                agent.post(path, body("field", "phone", "reason", "")),
                agent.post(path, body("field", "phone", "reason", "   ")),
                agent.post(path, body("field", "phone", "reason", "看")),
                agent.post(path, body("field", "address", "reason", "客户要求回电")),
                agent.post("/api/v1/tickets/" + ticket.id() + "/reveal", body()),
                agent.post("/api/v1/tickets/" + ticket.id() + "/reveal", body("reason", "x")));
        for (Response response : refused) {
            assertThat(response.status()).as(response.toString()).isIn(400, 422);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body()).doesNotContain(customer.primaryPhone(), "68888888");
        }
        assertThat(reveals("customer:" + customer.id())).isEmpty();
        assertThat(reveals("ticket:" + ticket.json().path("number").asString())).isEmpty();
    }

    @Test
    void revealingSomethingThatDoesNotExistIsNotFound() {
        agent.post("/api/v1/customers/999999999/reveal", body("field", "phone", "reason", "客户要求回电")).expect(404);
        agent.post("/api/v1/tickets/999999999/reveal", body("reason", "客户要求回电")).expect(404);
    }

    private List<JsonNode> reveals(String subject) {
        JsonNode entries = compliance.get("/api/v1/audit/entries?subject=" + subject).expect(200).json();
        return entries.values().stream().filter(e -> e.path("action").asString().equals("pii.reveal")).toList();
    }
}
