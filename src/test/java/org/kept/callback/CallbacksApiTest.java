package org.kept.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.contact.Contact;
import org.kept.contact.Contacts;
import org.kept.contact.Direction;
import org.kept.contact.Outbox;
import org.kept.customer.Customer;
import org.kept.identity.CurrentUser;
import org.kept.phone.CallAbandoned;
import org.kept.shared.Masking;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.TestClock;
import org.kept.ticket.Tickets;
import org.kept.ticket.TimelineEntry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Callback tasks through the API: one open task per ticket (or number) and reason, attempts and outcomes that plan the
 * next try or close the task, the reason's maximum of attempts, click-to-call through the contact outbox, abandoned
 * calls, the ticket's timeline, team borders and masking of the number.
 */
@KeptTest
class CallbacksApiTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    Tickets tickets;
    @Autowired
    Contacts contacts;
    @Autowired
    Outbox outbox;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    TestClock clock;
    @Autowired
    Callbacks callbacks;

    private static String future(Duration from) {
        return OffsetDateTime.now(ZoneOffset.ofHours(8)).plus(from).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private List<TimelineEntry> entries(long ticket, String kind) {
        return tickets.timeline(ticket).stream().filter(e -> e.kind().equals(kind)).toList();
    }

    @Test
    void aRepeatedRequestWhileOpenIsTheSameTaskOnTheTicketOnce() {
        CurrentUser agent = fixtures.user("AGENT");
        Api api = fixtures.api(agent);
        Customer customer = fixtures.customer("回电客户甲");
        long ticket = fixtures.ticket(api, customer.id(), "发票重开").id();

        JsonNode first = api.post("/api/v1/callbacks", body("ticketId", ticket, "note", "核实后回电")).expect(201).json();
        JsonNode again = api.post("/api/v1/callbacks", body("ticketId", ticket, "note", "核实后回电")).expect(200).json();

        long id = first.path("task").path("id").asLong();
        assertThat(again.path("task").path("id").asLong()).isEqualTo(id);
        assertThat(first.path("task").path("reason").asString()).isEqualTo("MANUAL");
        assertThat(first.path("task").path("customerId").asLong()).isEqualTo(customer.id());
        assertThat(first.path("task").path("teamId").asLong()).isEqualTo(fixtures.team("hotline"));
        assertThat(first.path("attempts")).hasSize(1);
        assertThat(entries(ticket, "CALLBACK")).singleElement()
                .satisfies(e -> assertThat(e.oldValue()).isEqualTo("MANUAL"));
        // another reason is another task
        long other = api.post("/api/v1/callbacks", body("ticketId", ticket, "reason", "SURVEY_NOT_SOLVED")).expect(201)
                .json().path("task").path("id").asLong();
        assertThat(other).isNotEqualTo(id);
    }

    @Test
    void noAnswerAndCallAgainPlanTheNextAttemptAndReachedClosesTheTask() {
        CurrentUser agent = fixtures.user("AGENT");
        Api api = fixtures.api(agent);
        long ticket = fixtures.ticket(api, fixtures.customer("回电客户乙").id(), "宽带报修").id();
        JsonNode task = api.post("/api/v1/callbacks", body("ticketId", ticket)).expect(201).json();
        long id = task.path("task").path("id").asLong();
        long attempt1 = task.path("attempts").get(0).path("id").asLong();

        Instant before = Instant.now();
        JsonNode afterNoAnswer = api.post("/api/v1/callbacks/" + id + "/outcomes",
                body("attempt", attempt1, "outcome", "NO_ANSWER")).expect(200).json();
        assertThat(afterNoAnswer.path("task").path("state").asString()).isEqualTo("OPEN");
        assertThat(afterNoAnswer.path("attempts")).hasSize(2);
        // MANUAL's row: the next try 60 minutes later
        Instant next = Instant.parse(afterNoAnswer.path("attempts").get(1).path("plannedAt").asString());
        assertThat(next).isBetween(before.plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(afterNoAnswer.path("task").path("ownerId").asLong()).as("the first to act holds it").isEqualTo(agent.id());

        // a retry of the same outcome is the same answer; another outcome for that attempt is a conflict
        api.post("/api/v1/callbacks/" + id + "/outcomes", body("attempt", attempt1, "outcome", "NO_ANSWER")).expect(200);
        api.post("/api/v1/callbacks/" + id + "/outcomes", body("attempt", attempt1, "outcome", "REACHED")).expect(409);

        long attempt2 = afterNoAnswer.path("attempts").get(1).path("id").asLong();
        api.post("/api/v1/callbacks/" + id + "/outcomes", body("attempt", attempt2, "outcome", "CALL_AGAIN")).expect(422);
        String at = future(Duration.ofHours(3));
        JsonNode afterCallAgain = api.post("/api/v1/callbacks/" + id + "/outcomes", body("attempt", attempt2,
                "outcome", "CALL_AGAIN", "callAgainAt", at, "note", "客户在开会，三小时后再打")).expect(200).json();
        assertThat(Instant.parse(afterCallAgain.path("task").path("dueAt").asString()))
                .isEqualTo(OffsetDateTime.parse(at).toInstant());
        assertThat(Instant.parse(afterCallAgain.path("attempts").get(2).path("plannedAt").asString()))
                .isEqualTo(OffsetDateTime.parse(at).toInstant());

        long attempt3 = afterCallAgain.path("attempts").get(2).path("id").asLong();
        JsonNode done = api.post("/api/v1/callbacks/" + id + "/outcomes", body("attempt", attempt3, "outcome", "REACHED",
                "note", "已答复退款进度")).expect(200).json();
        assertThat(done.path("task").path("state").asString()).isEqualTo("DONE");
        assertThat(done.path("task").path("attempts").asInt()).isEqualTo(3);

        assertThat(entries(ticket, "CALLBACK_ATTEMPT")).extracting(TimelineEntry::newValue)
                .containsExactly("NO_ANSWER", "CALL_AGAIN", "REACHED");
        assertThat(entries(ticket, "CALLBACK_CLOSED")).singleElement()
                .satisfies(e -> assertThat(e.newValue()).isEqualTo("DONE"));
        // every attempt is an outbound call on the ticket's contacts
        assertThat(contacts.ofTicket(ticket)).filteredOn(c -> c.direction() == Direction.OUTBOUND)
                .extracting(Contact::outcome).containsExactlyInAnyOrder("NO_ANSWER", "CALL_AGAIN", "REACHED");
        // closed: no more outcomes; a new request opens a new task
        api.post("/api/v1/callbacks/" + id + "/outcomes", body("outcome", "REACHED")).expect(409);
        long next2 = api.post("/api/v1/callbacks", body("ticketId", ticket)).expect(201).json().path("task").path("id").asLong();
        assertThat(next2).isNotEqualTo(id);
    }

    @Test
    void theReasonsMaximumOfAttemptsGivesUpAndAWrongNumberGivesUpAtOnce() {
        CurrentUser agent = fixtures.user("AGENT");
        Api api = fixtures.api(agent);
        long ticket = fixtures.ticket(api, fixtures.customer("回电客户丙").id(), "快递丢失").id();
        long id = api.post("/api/v1/callbacks", body("ticketId", ticket)).expect(201).json().path("task").path("id").asLong();
        JsonNode last = null;
        for (int i = 0; i < 3; i++) {  // MANUAL allows three attempts (callback_reason)
            last = api.post("/api/v1/callbacks/" + id + "/outcomes", body("outcome", "NO_ANSWER")).expect(200).json();
        }
        assertThat(last.path("task").path("state").asString()).isEqualTo("GAVE_UP");
        assertThat(last.path("attempts")).hasSize(3);
        assertThat(entries(ticket, "CALLBACK_CLOSED")).singleElement()
                .satisfies(e -> assertThat(e.newValue()).isEqualTo("GAVE_UP"));

        long wrong = api.post("/api/v1/callbacks", body("number", "138 0013 8000", "reason", "MANUAL")).expect(201)
                .json().path("task").path("id").asLong();
        assertThat(api.post("/api/v1/callbacks/" + wrong + "/outcomes", body("outcome", "WRONG_NUMBER")).expect(200).json()
                .path("task").path("state").asString()).isEqualTo("GAVE_UP");
    }

    @Test
    void clickToCallQueuesOnePbxOriginateThroughTheContactOutbox() {
        CurrentUser agent = fixtures.user("AGENT");
        Api api = fixtures.api(agent);
        Customer customer = fixtures.customer("回电客户丁");
        long ticket = fixtures.ticket(api, customer.id(), "话费多扣").id();
        JsonNode task = api.post("/api/v1/callbacks", body("ticketId", ticket, "number", customer.primaryPhone()))
                .expect(201).json();
        long id = task.path("task").path("id").asLong();
        long attempt = task.path("attempts").get(0).path("id").asLong();

        JsonNode dialled = api.post("/api/v1/callbacks/" + id + "/dial", body("attempt", attempt)).expect(200).json();
        JsonNode twice = api.post("/api/v1/callbacks/" + id + "/dial", body("attempt", attempt)).expect(200).json();

        long outboxId = dialled.path("attempts").get(0).path("outboxId").asLong();
        assertThat(twice.path("attempts").get(0).path("outboxId").asLong()).isEqualTo(outboxId);
        String payload = outbox.get(outboxId).payload();
        assertThat(payload).contains("\"action\":\"originate\"", "\"agent\":\"" + agent.agentNo() + "\"",
                "\"number\":\"" + customer.primaryPhone() + "\"", "\"callbackId\":" + id);
        assertThat(outbox.get(outboxId).channel()).isEqualTo(org.kept.ticket.Channel.PHONE);
        long contactId = dialled.path("attempts").get(0).path("contactId").asLong();
        assertThat(contacts.find(contactId).orElseThrow()).satisfies(c -> {
            assertThat(c.direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(c.ticketId()).isEqualTo(ticket);
            assertThat(c.address()).isEqualTo(customer.primaryPhone());
        });
        // the outcome concludes the same call
        api.post("/api/v1/callbacks/" + id + "/outcomes", body("attempt", attempt, "outcome", "REACHED")).expect(200);
        assertThat(contacts.find(contactId).orElseThrow().outcome()).isEqualTo("REACHED");
    }

    @Test
    void anAbandonedCallBecomesOneTaskWithTheNumberAndTheWaitForTheQueuesTeam() {
        String number = "+8613700" + String.format("%06d", System.nanoTime() % 1_000_000);
        Instant at = Instant.now();
        CallAbandoned call = new CallAbandoned(0, "call-" + System.nanoTime(), number, null, "hotline", 95, at);
        tx.executeWithoutResult(s -> events.publishEvent(call));
        tx.executeWithoutResult(s -> events.publishEvent(new CallAbandoned(0, "call-" + System.nanoTime(), number, null,
                "hotline", 40, at.plusSeconds(60))));

        CurrentUser lead = fixtures.user("COMPLAINTS", "hotline");
        JsonNode list = fixtures.api(lead).get("/api/v1/callbacks?view=TEAM").expect(200).json();
        List<JsonNode> mine = list.path("tasks").valueStream()
                .filter(t -> t.path("number").asString().equals(number)).toList();
        assertThat(mine).singleElement().satisfies(t -> {
            assertThat(t.path("reason").asString()).isEqualTo("ABANDONED_CALL");
            assertThat(t.path("waitSeconds").asLong()).isEqualTo(95);
            assertThat(t.path("teamId").asLong()).isEqualTo(fixtures.team("hotline"));
        });
        assertThat(list.path("counts").path("TEAM").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void numbersAreMaskedForRolesWithoutPersonalDataRightsAndOtherTeamsAreRefused() {
        CurrentUser agent = fixtures.user("AGENT");
        Api api = fixtures.api(agent);
        Customer customer = fixtures.customer("回电客户戊");
        long ticket = fixtures.ticket(api, customer.id(), "投诉回电 " + customer.primaryPhone()).id();
        long id = api.post("/api/v1/callbacks", body("ticketId", ticket, "number", customer.primaryPhone(),
                "note", "客户留的号码 " + customer.primaryPhone())).expect(201).json().path("task").path("id").asLong();
        String masked = Masking.phone(customer.primaryPhone());

        for (String role : List.of("OUTSOURCED", "AGENT")) {
            Api viewer = fixtures.api(fixtures.user(role, "hotline"));
            JsonNode one = viewer.get("/api/v1/callbacks/" + id).expect(200).json();
            assertThat(one.path("task").path("number").asString()).as(role).isEqualTo(masked);
            assertThat(one.toString()).as(role).doesNotContain(customer.primaryPhone().substring(3));
            assertThat(viewer.get("/api/v1/callbacks?view=TEAM").expect(200).body()).as(role)
                    .doesNotContain(customer.primaryPhone().substring(3));
        }
        JsonNode full = fixtures.api(fixtures.user("COMPLAINTS", "hotline")).get("/api/v1/callbacks/" + id).expect(200).json();
        assertThat(full.path("task").path("number").asString()).isEqualTo(customer.primaryPhone());

        Api otherTeam = fixtures.api(fixtures.user("AGENT", "online"));
        otherTeam.get("/api/v1/callbacks/" + id).expect(403);
        otherTeam.post("/api/v1/callbacks/" + id + "/outcomes", body("outcome", "REACHED")).expect(403);
        otherTeam.post("/api/v1/callbacks/" + id + "/dial", body()).expect(403);
        // a lead (TICKET_ASSIGN_ANY) of another team may look
        fixtures.api(fixtures.user("LEAD", "online")).get("/api/v1/callbacks/" + id).expect(200);
    }

    @Test
    void anotherModuleAsksThroughCallbacksAndTheCallbackModuleSignsTheTimeline() {
        Api api = fixtures.api(fixtures.user("AGENT"));
        Customer customer = fixtures.customer("回访客户");
        long ticket = fixtures.ticket(api, customer.id(), "回访：问题未解决").id();
        var request = new Callbacks.CallbackRequest(Callbacks.Reason.SURVEY_NOT_SOLVED, ticket, null, null, null, null,
                "回访答复 4");
        long id = tx.execute(s -> callbacks.request(request));
        long again = tx.execute(s -> callbacks.request(request));
        assertThat(again).isEqualTo(id);
        assertThat(entries(ticket, "CALLBACK")).singleElement().satisfies(e -> {
            assertThat(e.actorName()).isEqualTo("Kept Callback");
            assertThat(e.oldValue()).isEqualTo("SURVEY_NOT_SOLVED");
        });
        JsonNode task = fixtures.api(fixtures.user("COMPLAINTS", "hotline")).get("/api/v1/callbacks/" + id).expect(200).json();
        assertThat(task.path("task").path("number").asString()).as("the customer's number").isEqualTo(customer.primaryPhone());
        // SURVEY_NOT_SOLVED's row: due four hours after the request
        assertThat(Instant.parse(task.path("task").path("dueAt").asString()))
                .isAfter(Instant.now().plus(Duration.ofMinutes(235)));
    }

    @Test
    void badRequestsAreRefusedWithAProblemAndWriteNothing() {
        Api api = fixtures.api(fixtures.user("AGENT"));
        assertThat(api.post("/api/v1/callbacks", body("note", "无对象")).expect(422).contentType())
                .startsWith("application/problem+json");
        api.post("/api/v1/callbacks", body("number", "not a number")).expect(422);
        api.post("/api/v1/callbacks/999999999/outcomes", body("outcome", "REACHED")).expect(404);
    }

    @Test
    void overdueListsTasksPastTheirTimeWithCounts() {
        CurrentUser agent = fixtures.user("AGENT");
        Api api = fixtures.api(agent);
        long ticket = fixtures.ticket(api, fixtures.customer("回电客户己").id(), "超时回电").id();
        long id = api.post("/api/v1/callbacks", body("ticketId", ticket, "dueBy", future(Duration.ofMinutes(10))))
                .expect(201).json().path("task").path("id").asLong();
        api.post("/api/v1/callbacks/" + id + "/dial", body()).expect(200);  // takes it: now it is mine
        assertThat(api.get("/api/v1/callbacks?view=MINE").expect(200).json().path("tasks").valueStream()
                .map(t -> t.path("id").asLong()).toList()).containsExactly(id);
        assertThat(api.get("/api/v1/callbacks?view=OVERDUE").expect(200).json().path("tasks").valueStream()
                .map(t -> t.path("id").asLong()).toList()).doesNotContain(id);
        try (var moved = clock.moved(Duration.ofMinutes(30))) {
            JsonNode overdue = api.get("/api/v1/callbacks?view=OVERDUE").expect(200).json();
            assertThat(overdue.path("tasks").valueStream().filter(t -> t.path("id").asLong() == id))
                    .singleElement().satisfies(t -> assertThat(t.path("overdue").asBoolean()).isTrue());
            assertThat(overdue.path("counts").path("OVERDUE").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(overdue.path("counts").path("MINE").asLong()).isEqualTo(1);
            // a lead (TICKET_ASSIGN_ANY) sees every team's overdue callbacks; another team's agent does not see this one
            assertThat(fixtures.api(fixtures.user("LEAD", "online")).get("/api/v1/callbacks?view=OVERDUE").expect(200).json()
                    .path("tasks").valueStream().map(t -> t.path("id").asLong()).toList()).contains(id);
            assertThat(fixtures.api(fixtures.user("AGENT", "online")).get("/api/v1/callbacks?view=OVERDUE").expect(200).json()
                    .path("tasks").valueStream().map(t -> t.path("id").asLong()).toList()).doesNotContain(id);
        }
    }
}
