package org.kept.ticket;

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

/** A ticket's life through the API, each step on the timeline with who, when, old and new. */
@KeptTest
class TicketWorkflowTest {

    @Autowired
    Fixtures fixtures;

    CurrentUser agentUser;
    Api agent;
    Api lead;
    long customer;

    @BeforeEach
    void anAgentAndACustomer() {
        agentUser = fixtures.user("AGENT");
        agent = fixtures.api(agentUser);
        lead = fixtures.api(fixtures.user("LEAD"));
        customer = fixtures.customer("林黛玉").id();
    }

    @Test
    void aTicketCarriesWhatTheCentreRecorded() {
        Response created = agent.post("/api/v1/tickets", body("type", "COMPLAINT", "category", "delivery", "channel", "PHONE",
                "priority", "P2", "subject", "快递三天未送达", "description", "客户称包裹显示已签收但未收到",
                "incidentTime", "2026-11-20 下午", "incidentPlace", "上海市浦东新区", "peopleInvolved", "快递员",
                "contactPhone", "13900001234", "customerId", customer)).expect(201);
        assertThat(created.header("Location")).endsWith("/api/v1/tickets/" + created.id());
        JsonNode t = agent.get("/api/v1/tickets/" + created.id()).expect(200).json();
        assertThat(t.path("number").asString()).matches("\\d{8}-\\d{4,}");
        assertThat(t.path("type").asString()).isEqualTo("COMPLAINT");
        assertThat(t.path("category").asString()).isEqualTo("delivery");
        assertThat(t.path("state").asString()).isEqualTo("NEW");
        assertThat(t.path("priority").asString()).isEqualTo("P2");
        assertThat(t.path("subject").asString()).isEqualTo("快递三天未送达");
        assertThat(t.path("incidentPlace").asString()).isEqualTo("上海市浦东新区");
        assertThat(t.path("customer").path("id").asLong()).isEqualTo(customer);
        assertThat(t.path("customer").path("name").asString()).isEqualTo("林黛玉");
        assertThat(t.path("createdAt").asString()).isNotBlank();
        assertThat(t.path("updatedAt").asString()).isEqualTo(t.path("createdAt").asString());
        assertThat(t.has("team")).isTrue();
        assertThat(t.has("assignee")).isTrue();
    }

    @Test
    void defaultsArePhoneChannelAndPriorityP3() {
        JsonNode t = fixtures.ticket(agent, customer, "默认值").json();
        assertThat(t.path("channel").asString()).isEqualTo("PHONE");
        assertThat(t.path("priority").asString()).isEqualTo("P3");
    }

    @Test
    void fromFirstReplyToReopenEveryStepIsOnTheTimeline() {
        long id = fixtures.ticket(agent, customer, "话费多扣").id();
        String path = "/api/v1/tickets/" + id;

        JsonNode replied = agent.post(path + "/replies", body("body", "您好，我们已收到您的反馈。")).expect(200).json();
        assertThat(replied.path("state").asString()).isEqualTo("OPEN");
        JsonNode noted = agent.post(path + "/notes", body("body", "需财务核实", "version", replied.path("version").asInt()))
                .expect(200).json();
        assertThat(noted.path("state").asString()).isEqualTo("OPEN");
        int version = noted.path("version").asInt();
        version = move(path, "PENDING_CUSTOMER", version);
        version = move(path, "RESOLVED", version);
        version = move(path, "CLOSED", version);
        version = move(path, "OPEN", version);

        List<JsonNode> timeline = List.copyOf(agent.get(path + "/timeline").expect(200).json().values());
        // the SLA clock stops while the customer has the ball (and while resolved) and says so on the timeline
        assertThat(timeline).extracting(e -> e.path("kind").asString()).containsExactly(
                "CREATED", "REPLY", "STATE", "NOTE", "STATE", "CLOCK_PAUSED", "STATE", "STATE", "STATE", "CLOCK_RESUMED");
        assertThat(timeline).filteredOn(e -> e.path("kind").asString().equals("STATE"))
                .extracting(e -> e.path("oldValue").asString() + ">" + e.path("newValue").asString())
                .containsExactly("NEW>OPEN", "OPEN>PENDING_CUSTOMER", "PENDING_CUSTOMER>RESOLVED", "RESOLVED>CLOSED", "CLOSED>OPEN");
        assertThat(timeline).filteredOn(e -> !e.path("kind").asString().startsWith("CLOCK_")).allSatisfy(e -> {
            assertThat(e.path("actor").asString()).isEqualTo(agentUser.displayName());
            assertThat(e.path("at").asString()).isNotBlank();
        });
        assertThat(timeline.get(1).path("body").asString()).isEqualTo("您好，我们已收到您的反馈。");
        assertThat(agent.get(path).json().path("version").asInt()).isEqualTo(version);
    }

    @Test
    void aMoveTheStatesDoNotAllowIsRefusedWithTheReason() {
        long id = fixtures.ticket(agent, customer, "非法状态").id();
        String path = "/api/v1/tickets/" + id;
        int version = move(path, "CLOSED", 0);
        Response refused = agent.post(path + "/transitions", body("to", "RESOLVED", "version", version));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.detail()).isEqualTo("A ticket cannot go from CLOSED to RESOLVED.");
        assertThat(agent.post(path + "/transitions", body("to", "NEW", "version", version)).status()).isEqualTo(422);
        assertThat(agent.get(path).json().path("state").asString()).isEqualTo("CLOSED");
    }

    @Test
    void assignmentAndPriorityChangesAreRecordedWithOldAndNew() {
        long id = fixtures.ticket(agent, customer, "分配").id();
        String path = "/api/v1/tickets/" + id;
        JsonNode assigned = agent.put(path + "/assignment", body("assigneeId", agentUser.id(), "version", 0)).expect(200).json();
        assertThat(assigned.path("assignee").path("id").asLong()).isEqualTo(agentUser.id());
        assertThat(assigned.path("team").path("name").asString()).isEqualTo("热线组");
        agent.put(path + "/priority", body("priority", "P1", "version", assigned.path("version").asInt())).expect(200);
        List<JsonNode> timeline = List.copyOf(agent.get(path + "/timeline").json().values());
        assertThat(timeline).filteredOn(e -> e.path("kind").asString().equals("ASSIGNMENT")).singleElement()
                .satisfies(e -> assertThat(e.path("newValue").asString()).contains("热线组", agentUser.displayName()));
        assertThat(timeline).filteredOn(e -> e.path("kind").asString().equals("PRIORITY")).singleElement()
                .satisfies(e -> assertThat(e.path("oldValue").asString() + ">" + e.path("newValue").asString())
                        .isEqualTo("P3>P1"));
    }

    @Test
    void anAgentAssignsOnlyWithinTheirTeamButALeadAssignsAnywhere() {
        long id = fixtures.ticket(agent, customer, "跨组分配").id();
        CurrentUser elsewhere = fixtures.user("AGENT", "after-sales");
        Response refused = agent.put("/api/v1/tickets/" + id + "/assignment", body("assigneeId", elsewhere.id(), "version", 0));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.detail()).isEqualTo("You can assign only to yourself or your own team.");
        JsonNode assigned = lead.put("/api/v1/tickets/" + id + "/assignment", body("assigneeId", elsewhere.id(), "version", 0))
                .expect(200).json();
        assertThat(assigned.path("team").path("name").asString()).isEqualTo("售后组");
    }

    @Test
    void duplicatesOfTheSameCustomerAreMergedAndBothTimelinesSaySo() {
        long target = fixtures.ticket(agent, customer, "原工单").id();
        Response duplicate = fixtures.ticket(agent, customer, "重复来电");
        agent.post("/api/v1/tickets/" + duplicate.id() + "/notes", body("body", "客户又来电催促", "version", 0)).expect(200);
        // merging from a stale read would close a ticket someone is working on this minute
        assertThat(lead.post("/api/v1/tickets/" + duplicate.id() + "/merge", body("into", target, "version", 0)).status())
                .isEqualTo(409);
        JsonNode merged = lead.post("/api/v1/tickets/" + duplicate.id() + "/merge", body("into", target, "version", 1))
                .expect(200).json();
        assertThat(merged.path("state").asString()).isEqualTo("CLOSED");
        assertThat(merged.path("mergedIntoId").asLong()).isEqualTo(target);
        String targetNumber = agent.get("/api/v1/tickets/" + target).json().path("number").asString();
        assertThat(kinds(duplicate.id())).contains("MERGED_INTO", "STATE");
        assertThat(agent.get("/api/v1/tickets/" + duplicate.id() + "/timeline").body()).contains(targetNumber);
        assertThat(kinds(target)).contains("MERGED_FROM");
        assertThat(agent.get("/api/v1/tickets/" + target + "/timeline").body())
                .contains(duplicate.json().path("number").asString());

        int version = merged.path("version").asInt();
        assertThat(agent.post("/api/v1/tickets/" + duplicate.id() + "/transitions", body("to", "OPEN", "version", version))
                .status()).isEqualTo(422);
        assertThat(agent.post("/api/v1/tickets/" + duplicate.id() + "/replies", body("body", "还在吗")).status()).isEqualTo(422);
    }

    @Test
    void ticketsOfDifferentCustomersAreNotMerged() {
        long mine = fixtures.ticket(agent, customer, "客户甲").id();
        long theirs = fixtures.ticket(agent, fixtures.customer("薛宝钗").id(), "客户乙").id();
        Response refused = lead.post("/api/v1/tickets/" + mine + "/merge", body("into", theirs));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.detail()).isEqualTo("Only tickets of the same customer can be merged.");
        assertThat(lead.post("/api/v1/tickets/" + mine + "/merge", body("into", mine)).status()).isEqualTo(422);
        assertThat(agent.get("/api/v1/tickets/" + mine).json().path("state").asString()).isEqualTo("NEW");
    }

    @Test
    void aCustomerWithAllTheirTicketsNewestFirst() {
        long first = fixtures.ticket(agent, customer, "第一次来电").id();
        long second = fixtures.ticket(agent, customer, "第二次来电").id();
        fixtures.ticket(agent, fixtures.customer("别的客户").id(), "无关");
        JsonNode history = agent.get("/api/v1/customers/" + customer + "/history").expect(200).json();
        assertThat(history.path("items").values()).extracting(i -> i.path("id").asLong()).containsExactly(second, first);
        assertThat(history.path("total").asLong()).isEqualTo(2);
    }

    private int move(String path, String to, int version) {
        JsonNode moved = agent.post(path + "/transitions", body("to", to, "version", version)).expect(200).json();
        assertThat(moved.path("state").asString()).isEqualTo(to);
        assertThat(moved.path("version").asInt()).isEqualTo(version + 1);
        return moved.path("version").asInt();
    }

    private List<String> kinds(long ticket) {
        return agent.get("/api/v1/tickets/" + ticket + "/timeline").expect(200).json().values().stream()
                .map(e -> e.path("kind").asString()).toList();
    }
}
