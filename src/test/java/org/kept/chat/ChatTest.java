package org.kept.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.contact.Contact;
import org.kept.contact.Contacts;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.kept.support.TestClock;
import org.kept.ticket.Channel;
import org.kept.ticket.Tickets;
import org.kept.ticket.TimelineEntry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Live chat through its API: a customer starts a chat, resends a message whose answer was lost (stored once), an
 * agent takes it (a new ticket, or the customer's open one), the transcript is on the ticket's and the customer's
 * timeline once per message, a reconnect asks for what came after its last seq and a reload gets everything; out of
 * staffed hours the widget takes a message that becomes a ticket with its deadline; masking for outsourced agents.
 */
@KeptTest
class ChatTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    Contacts contacts;
    @Autowired
    Tickets tickets;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;

    private String start(String name, String phone) {
        return fixtures.api().post("/api/v1/chat/conversations", body("name", name, "phone", phone)).expect(201)
                .json().path("token").asString();
    }

    private static String phone() {
        return "139" + String.format("%08d", Math.floorMod(System.nanoTime(), 100_000_000L));
    }

    private Response say(String token, String clientId, String text) {
        return fixtures.api().post("/api/v1/chat/conversations/" + token + "/messages", body("clientId", clientId, "body", text));
    }

    private long idOf(String token) {
        return jdbc.sql("select id from chat_conversation where token = ?").param(token).query(Long.class).single();
    }

    @Test
    void aResentMessageIsStoredOnceAndTheTranscriptIsOnTheTicketOnce() {
        String token = start("王小明", phone());
        assertThat(say(token, "c-00000001", "空调不制冷").status()).isEqualTo(201);
        // the answer was lost: the window sends it again with the same id
        Response again = say(token, "c-00000001", "空调不制冷");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("seq").asLong()).isEqualTo(1);
        say(token, "c-00000002", "型号 KFR-35").expect(201);

        CurrentUser agent = fixtures.user("AGENT");
        Api agentApi = fixtures.api(agent);
        long chat = idOf(token);
        assertThat(agentApi.get("/api/v1/chats/waiting").json().findValuesAsString("name")).contains("王小明");
        JsonNode accepted = agentApi.post("/api/v1/chats/" + chat + "/accept", body()).expect(200).json();
        long ticket = accepted.path("ticketId").asLong();
        assertThat(ticket).isPositive();
        // a second agent is too late
        assertThat(fixtures.api(fixtures.user("AGENT")).post("/api/v1/chats/" + chat + "/accept", body()).status()).isEqualTo(409);

        agentApi.post("/api/v1/chats/" + chat + "/messages", body("clientId", "a-00000001", "body", "请问购买多久了？")).expect(201);
        agentApi.post("/api/v1/chats/" + chat + "/messages", body("clientId", "a-00000001", "body", "请问购买多久了？")).expect(200);

        List<Contact> onTicket = contacts.ofTicket(ticket);
        assertThat(onTicket).extracting(Contact::channel).containsOnly(Channel.CHAT);
        assertThat(onTicket).extracting(Contact::summary).containsExactlyInAnyOrder("空调不制冷", "型号 KFR-35", "请问购买多久了？");
        List<TimelineEntry> timeline = tickets.timeline(ticket);
        assertThat(timeline.stream().filter(e -> "CONTACT".equals(e.kind())).count()).isEqualTo(3);
        long customer = tickets.get(ticket).customerId();
        assertThat(contacts.ofCustomer(customer, 10)).extracting(Contact::summary).contains("空调不制冷", "请问购买多久了？");
        assertThat(tickets.get(ticket).channel()).isEqualTo(Channel.CHAT);

        // a reconnect after seq 2 gets only the agent's message; a reload (after 0) gets all three, in order
        JsonNode after2 = fixtures.api().get("/api/v1/chat/conversations/" + token + "/messages?after=2").expect(200).json();
        assertThat(after2.findValuesAsString("body")).containsExactly("请问购买多久了？");
        JsonNode all = fixtures.api().get("/api/v1/chat/conversations/" + token).expect(200).json();
        assertThat(all.path("messages").findValuesAsString("body")).containsExactly("空调不制冷", "型号 KFR-35", "请问购买多久了？");
        assertThat(all.path("state").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void aChatJoinsTheCustomersOpenTicketWhenTheAgentSaysSo() {
        String phone = phone();
        String token = start("李雷", phone);
        say(token, "c-10000001", "还是上次那个问题").expect(201);
        long customer = jdbc.sql("select customer_id from chat_conversation where token = ?").param(token).query(Long.class).single();
        CurrentUser agent = fixtures.user("AGENT");
        Api agentApi = fixtures.api(agent);
        long open = fixtures.ticket(agentApi, customer, "洗衣机漏水").id();
        long chat = idOf(token);
        assertThat(agentApi.get("/api/v1/chats/" + chat + "/card").json().path("openTickets").findValues("id"))
                .extracting(JsonNode::asLong).contains(open);
        // another customer's ticket is refused
        long other = fixtures.ticket(agentApi, fixtures.customer("别人").id(), "别人的").id();
        assertThat(agentApi.post("/api/v1/chats/" + chat + "/accept", body("ticketId", other)).status()).isEqualTo(422);
        agentApi.post("/api/v1/chats/" + chat + "/accept", body("ticketId", open)).expect(200);
        assertThat(contacts.ofTicket(open)).extracting(Contact::summary).containsExactly("还是上次那个问题");
    }

    @Test
    void anOutsourcedAgentSeesMaskedNumbersInTheHeaderAndCard() {
        String phone = "13912345678";
        String token = start("韩梅梅", phone);
        Api outsourced = fixtures.api(fixtures.user("OUTSOURCED"));
        long chat = idOf(token);
        JsonNode header = outsourced.post("/api/v1/chats/" + chat + "/accept", body()).expect(200).json();
        assertThat(header.path("phone").asString()).isEqualTo("139****5678");
        String card = outsourced.get("/api/v1/chats/" + chat + "/card").expect(200).body();
        assertThat(card).doesNotContain("13912345678").contains("139****5678");
        assertThat(outsourced.get("/api/v1/chats/mine").body()).doesNotContain("13912345678");
        say(token, "c-20000001", "备用电话 13812345678").expect(201);
        assertThat(outsourced.get("/api/v1/chats/" + chat + "/messages").body()).doesNotContain("13812345678")
                .contains("138****5678");
    }

    @Test
    void theChatsTokenIsTheOnlyKeyAndOthersChatsAreNotFound() {
        String token = start("张三", phone());
        assertThat(fixtures.api().get("/api/v1/chat/conversations/" + token.substring(1) + "x").status()).isEqualTo(404);
        assertThat(fixtures.api().get("/api/v1/chat/conversations/nope").contentType()).startsWith("application/problem+json");
        long chat = idOf(token);
        Api first = fixtures.api(fixtures.user("AGENT"));
        first.post("/api/v1/chats/" + chat + "/accept", body()).expect(200);
        Api second = fixtures.api(fixtures.user("AGENT"));
        assertThat(second.get("/api/v1/chats/" + chat + "/messages").status()).isEqualTo(404);
        assertThat(second.post("/api/v1/chats/" + chat + "/messages", body("clientId", "x-00000001", "body", "hi")).status())
                .isEqualTo(404);
        assertThat(fixtures.api(fixtures.user("CUSTOMER")).get("/api/v1/chats/waiting").status()).isEqualTo(403);
    }

    @Test
    void filesAreCheckedByTheirContentAndSize() {
        String token = start("文件", phone());
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0};
        Response ok = fixtures.api().post("/api/v1/chat/conversations/" + token + "/files",
                body("clientId", "f-00000001", "name", "发票.png", "data", Base64.getEncoder().encodeToString(png)));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().path("file").path("type").asString()).isEqualTo("image/png");
        Response script = fixtures.api().post("/api/v1/chat/conversations/" + token + "/files",
                body("clientId", "f-00000002", "name", "x.png", "data", Base64.getEncoder().encodeToString("<script>".getBytes())));
        assertThat(script.status()).isEqualTo(422);
        Response got = fixtures.api().get("/api/v1/chat/conversations/" + token + "/files/" + ok.json().path("seq").asLong());
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.header("Content-Disposition")).startsWith("attachment");
        assertThat(got.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void outOfHoursTheWidgetSaysWhenPeopleAreBackAndAMessageBecomesATicketWithItsDeadline() {
        Api admin = fixtures.api(fixtures.user("ADMIN"));
        long calendar = admin.post("/api/v1/calendars", body("name", "在线客服时间", "timeZone", "Asia/Shanghai",
                "weeklyHours", List.of(body("day", "MONDAY", "from", "09:00", "to", "17:00")))).expect(201).id();
        JsonNode before = admin.get("/api/v1/chats/settings").expect(200).json();
        admin.put("/api/v1/chats/settings", body("teamId", null, "calendarId", calendar, "maxFileBytes", 5_242_880)).expect(200);
        // Sunday 2026-12-06 20:00 in Shanghai
        try (TestClock.Moved ignored = clock.stoppedAt(Instant.parse("2026-12-06T12:00:00Z"))) {
            JsonNode hours = fixtures.api().get("/api/v1/chat/hours").expect(200).json();
            assertThat(hours.path("open").asBoolean()).isFalse();
            assertThat(hours.path("backAt").asString()).isEqualTo("2026-12-07T01:00:00Z");
            assertThat(fixtures.api().post("/api/v1/chat/conversations", body("name", "夜猫子", "phone", phone())).status())
                    .isEqualTo(409);
            JsonNode left = fixtures.api().post("/api/v1/chat/messages", body("name", "夜猫子", "email", "night@example.com",
                    "text", "冰箱不制冷，明天联系我")).expect(201).json();
            String number = left.path("ticketNumber").asString();
            assertThat(number).isNotBlank();
            var ticket = tickets.byNumber(number).orElseThrow();
            assertThat(ticket.channel()).isEqualTo(Channel.CHAT);
            assertThat(contacts.ofTicket(ticket.id())).extracting(Contact::summary).containsExactly("冰箱不制冷，明天联系我");
            assertThat(left.path("firstResponseDue").isNull()).isFalse();
        } finally {
            admin.put("/api/v1/chats/settings", body("teamId", null, "calendarId", before.path("calendarId").isNull() ? null
                    : before.path("calendarId").asLong(), "maxFileBytes", before.path("maxFileBytes").asInt())).expect(200);
        }
    }
}
