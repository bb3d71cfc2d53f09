package org.kept.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Queue lists: filters, sorting and paging. Every query is narrowed to this test's own customer or agent. */
@KeptTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketListTest {

    @Autowired
    Fixtures fixtures;

    CurrentUser agentUser;
    Api agent;
    Api recorder;
    long customer;
    String word;
    long inquiry;
    long complaint;
    long suggestion;
    long pending;

    @BeforeAll
    void fourTicketsOfOneCustomer() {
        agentUser = fixtures.user("AGENT");
        agent = fixtures.api(agentUser);
        recorder = fixtures.api(fixtures.user("LEAD"));
        customer = fixtures.customer("贾宝玉").id();
        word = "唯一词" + System.nanoTime();
        long hotline = fixtures.team("hotline");
        inquiry = create(body("type", "INQUIRY", "priority", "P3", "teamId", hotline, "subject", "订单查询 " + word));
        complaint = create(body("type", "COMPLAINT", "priority", "P1", "assigneeId", agentUser.id(), "subject", "服务态度差"));
        agent.post("/api/v1/tickets/" + complaint + "/replies", body("body", "非常抱歉")).expect(200);
        suggestion = create(body("type", "SUGGESTION", "priority", "P4", "teamId", fixtures.team("online"),
                "subject", "建议增加夜间客服"));
        agent.post("/api/v1/tickets/" + suggestion + "/transitions", body("to", "RESOLVED", "version", 0)).expect(200);
        pending = create(body("type", "COMPLAINT", "priority", "P2", "teamId", fixtures.team("after-sales"),
                "subject", "退货未退款"));
        agent.post("/api/v1/tickets/" + pending + "/transitions", body("to", "PENDING_CUSTOMER", "version", 0)).expect(200);
    }

    /** Recorded by a lead: putting tickets straight into other teams' queues takes TICKET_ASSIGN_ANY. */
    long create(java.util.Map<String, Object> fields) {
        fields.put("customerId", customer);
        return recorder.post("/api/v1/tickets", fields).expect(201).id();
    }

    @Test
    void theDefaultOrderIsMostUrgentFirst() {
        assertThat(ids("")).containsExactly(complaint, pending, inquiry, suggestion);
        assertThat(ids("&sort=priority")).containsExactly(complaint, pending, inquiry, suggestion);
    }

    @Test
    void sortsByCreationEitherWayAndByLastUpdate() {
        assertThat(ids("&sort=created")).containsExactly(inquiry, complaint, suggestion, pending);
        assertThat(ids("&sort=-created")).containsExactly(pending, suggestion, complaint, inquiry);
        agent.post("/api/v1/tickets/" + inquiry + "/notes", body("body", "刚刚更新")).expect(200);
        assertThat(ids("&sort=-updated").get(0)).isEqualTo(inquiry);
    }

    @Test
    void filtersByStateOneOrSeveral() {
        assertThat(ids("&state=NEW")).containsExactly(inquiry);
        assertThat(ids("&state=OPEN")).containsExactly(complaint);
        assertThat(ids("&state=OPEN&state=RESOLVED")).containsExactly(complaint, suggestion);
        assertThat(ids("&state=OPEN,PENDING_CUSTOMER,NEW")).containsExactly(complaint, pending, inquiry);
        assertThat(ids("&state=CLOSED")).isEmpty();
        assertThat(ids("&state=OPEN,")).containsExactly(complaint);
    }

    @Test
    void filtersByTeamAssigneeAndUnassigned() {
        assertThat(ids("&team=" + fixtures.team("hotline"))).containsExactly(complaint, inquiry);
        assertThat(ids("&team=" + fixtures.team("online"))).containsExactly(suggestion);
        assertThat(list("assignee=" + agentUser.id()).path("items").values()).extracting(i -> i.path("id").asLong())
                .containsExactly(complaint);
        assertThat(ids("&unassigned=true")).containsExactly(pending, inquiry, suggestion);
    }

    @Test
    void filtersByTypeAndPriority() {
        assertThat(ids("&type=COMPLAINT")).containsExactly(complaint, pending);
        assertThat(ids("&type=SUGGESTION")).containsExactly(suggestion);
        assertThat(ids("&priority=P2")).containsExactly(pending);
        assertThat(ids("&type=COMPLAINT&priority=P1&state=OPEN")).containsExactly(complaint);
    }

    @Test
    void findsByWordsOfTheSubjectOrByNumber() {
        assertThat(list("q=" + word).path("items").values()).extracting(i -> i.path("id").asLong()).containsExactly(inquiry);
        String number = agent.get("/api/v1/tickets/" + suggestion).json().path("number").asString();
        assertThat(list("q=" + number).path("items").values()).extracting(i -> i.path("id").asLong()).containsExactly(suggestion);
        assertThat(ids("&q=%E9%80%80%E8%B4%A7")).containsExactly(pending);
    }

    @Test
    void aDeeperPageOfATeamQueueHoldsTheRowsOfTheSameStretchOfOneLongPage() {
        long hotline = fixtures.team("hotline");
        long other = fixtures.customer("史湘云").id(); // not this class's customer, whose tickets other tests count
        for (int i = 0; i < 4; i++) {
            agent.post("/api/v1/tickets", body("type", "INQUIRY", "priority", "P" + (1 + i % 4), "teamId", hotline,
                    "customerId", other, "subject", "分页 " + i)).expect(201);
        }
        for (String states : List.of("state=NEW", "state=NEW&state=OPEN")) {
            String queue = "team=" + hotline + "&" + states + "&sort=priority";
            List<Long> long4 = list(queue + "&size=4&page=0").path("items").values().stream().map(i -> i.path("id").asLong()).toList();
            List<Long> second = list(queue + "&size=2&page=1").path("items").values().stream().map(i -> i.path("id").asLong()).toList();
            assertThat(long4).hasSize(4);
            assertThat(second).as(states).containsExactlyElementsOf(long4.subList(2, 4));
        }
    }

    @Test
    void pagesThroughTheQueueWithATotal() {
        JsonNode first = list("customer=" + customer + "&size=2&page=0");
        JsonNode second = list("customer=" + customer + "&size=2&page=1");
        assertThat(first.path("items").values()).extracting(i -> i.path("id").asLong()).containsExactly(complaint, pending);
        assertThat(second.path("items").values()).extracting(i -> i.path("id").asLong()).containsExactly(inquiry, suggestion);
        assertThat(first.path("total").asLong()).isEqualTo(4);
        assertThat(second.path("total").asLong()).isEqualTo(4);
        assertThat(second.path("page").asInt()).isEqualTo(1);
        assertThat(second.path("size").asInt()).isEqualTo(2);
        assertThat(list("customer=" + customer + "&size=2&page=2").path("items").values()).isEmpty();
    }

    @Test
    void pagesThroughSeveralStatesInQueueOrder() {
        String states = "&state=NEW&state=OPEN&state=PENDING_CUSTOMER&state=RESOLVED&size=2";
        assertThat(ids(states + "&page=0")).containsExactly(complaint, pending);
        assertThat(ids(states + "&page=1")).containsExactly(inquiry, suggestion);
    }

    @Test
    void aRowShowsTheCustomerTeamAndAssignee() {
        JsonNode row = list("customer=" + customer + "&state=OPEN").path("items").get(0);
        assertThat(row.path("number").asString()).isNotBlank();
        assertThat(row.path("customer").path("name").asString()).isEqualTo("贾宝玉");
        assertThat(row.path("assignee").path("id").asLong()).isEqualTo(agentUser.id());
        assertThat(row.path("team").path("name").asString()).isEqualTo("热线组");
    }

    @Test
    void moreThanAHundredRowsAtOnceIsRefused() {
        Response refused = agent.get("/api/v1/tickets?size=101");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.detail()).contains("between 1 and 100");
        agent.get("/api/v1/tickets?size=100&customer=" + customer).expect(200);
    }

    private List<Long> ids(String filters) {
        return list("customer=" + customer + filters).path("items").values().stream().map(i -> i.path("id").asLong()).toList();
    }

    private JsonNode list(String query) {
        return agent.get("/api/v1/tickets?" + query).expect(200).json();
    }

}
