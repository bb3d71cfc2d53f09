package org.kept.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A customer's own tickets on the portal: the real status, public replies, never internal notes or others' tickets. */
@KeptTest
class PortalTicketsTest {

    @Autowired
    Fixtures fixtures;

    CurrentUser customerUser;
    Api customer;
    Api otherCustomer;
    Api agent;

    @BeforeEach
    void twoCustomersAndAnAgent() {
        customerUser = fixtures.user("CUSTOMER");
        customer = fixtures.api(customerUser);
        otherCustomer = fixtures.api(fixtures.user("CUSTOMER"));
        agent = fixtures.api(fixtures.user("AGENT"));
    }

    Response submit(String subject) {
        return customer.post("/api/v1/portal/tickets", body("type", "COMPLAINT", "subject", subject,
                "description", "我的退款申请已经两周没有处理", "contactPhone", "13900009999")).expect(201);
    }

    @Test
    void aCustomerSubmitsAndFollowsTheirTicket() {
        Response submitted = submit("退款两周未到账");
        assertThat(submitted.json().path("state").asString()).isEqualTo("NEW");
        assertThat(agent.get("/api/v1/tickets/" + submitted.id()).json().path("channel").asString()).isEqualTo("PORTAL");
        assertThat(customer.get("/api/v1/portal/tickets").expect(200).json().values())
                .extracting(t -> t.path("id").asLong()).contains(submitted.id());
        agent.post("/api/v1/tickets/" + submitted.id() + "/transitions", body("to", "PENDING_INTERNAL", "version", 0)).expect(200);
        JsonNode detail = customer.get("/api/v1/portal/tickets/" + submitted.id()).expect(200).json();
        assertThat(detail.path("ticket").path("state").asString()).isEqualTo("PENDING_INTERNAL");
        assertThat(detail.path("description").asString()).isEqualTo("我的退款申请已经两周没有处理");
    }

    @Test
    void ticketsTheCentreRecordedForTheCustomerAppearToo() {
        long recorded = fixtures.ticket(agent, customerUser.customerId(), "电话登记的工单").id();
        assertThat(customer.get("/api/v1/portal/tickets").json().values()).extracting(t -> t.path("id").asLong())
                .contains(recorded);
    }

    @Test
    void internalNotesNeverReachThePortalTimeline() {
        long id = submit("配送延误").id();
        agent.post("/api/v1/tickets/" + id + "/notes", body("body", "内部：客户第三次来电，情绪激动")).expect(200);
        agent.post("/api/v1/tickets/" + id + "/replies", body("body", "您好，已为您加急处理。")).expect(200);
        agent.put("/api/v1/tickets/" + id + "/priority", body("priority", "P1", "version", 2)).expect(200);
        Response detail = customer.get("/api/v1/portal/tickets/" + id).expect(200);
        assertThat(detail.json().path("timeline").values()).extracting(e -> e.path("kind").asString())
                .containsExactly("CREATED", "REPLY", "STATE");
        assertThat(detail.body()).contains("已为您加急处理").doesNotContain("内部", "情绪激动", "NOTE", "PRIORITY");
    }

    @Test
    void anotherCustomersTicketIsNotFoundNotForbidden() {
        long mine = submit("我的工单").id();
        Response look = otherCustomer.get("/api/v1/portal/tickets/" + mine);
        assertThat(look.status()).isEqualTo(404);
        assertThat(look.body()).doesNotContain("我的工单");
        assertThat(otherCustomer.post("/api/v1/portal/tickets/" + mine + "/replies", body("body", "冒充")).status())
                .isEqualTo(404);
        assertThat(otherCustomer.get("/api/v1/portal/tickets").json().values()).extracting(t -> t.path("id").asLong())
                .doesNotContain(mine);
        assertThat(customer.get("/api/v1/portal/tickets/987654321").status()).isEqualTo(404);
    }

    @Test
    void theCustomersAnswerPutsAPendingTicketBackInTheCentresHands() {
        long id = submit("需要补充信息").id();
        agent.post("/api/v1/tickets/" + id + "/transitions", body("to", "PENDING_CUSTOMER", "version", 0)).expect(200);
        JsonNode answered = customer.post("/api/v1/portal/tickets/" + id + "/replies", body("body", "订单号是 A123")).expect(200)
                .json();
        assertThat(answered.path("state").asString()).isEqualTo("OPEN");
        assertThat(agent.get("/api/v1/tickets/" + id + "/timeline").json().values()).extracting(e -> e.path("kind").asString())
                .contains("CUSTOMER_REPLY");
    }

    @Test
    void aCustomerCannotUseTheAgentApi() {
        long id = submit("越权").id();
        assertThat(customer.get("/api/v1/tickets/" + id).status()).isEqualTo(403);
        assertThat(customer.get("/api/v1/tickets").status()).isEqualTo(403);
        assertThat(customer.get("/api/v1/customers/" + customerUser.customerId()).status()).isEqualTo(403);
    }

    @Test
    void aPortalSubmissionHonoursTheIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        var request = body("type", "INQUIRY", "subject", "网络重试", "description", "提交了两次");
        Response first = customer.header("Idempotency-Key", key).post("/api/v1/portal/tickets", request).expect(201);
        Response again = customer.header("Idempotency-Key", key).post("/api/v1/portal/tickets", request).expect(200);
        assertThat(again.id()).isEqualTo(first.id());
    }

    @Test
    void aSubmissionWithoutADescriptionIsInvalid() {
        assertThat(customer.post("/api/v1/portal/tickets", body("type", "INQUIRY", "subject", "空")).status()).isEqualTo(422);
    }
}
