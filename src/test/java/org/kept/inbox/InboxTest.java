package org.kept.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.inbox.internal.InboxDesk;
import org.kept.routing.PresenceState;
import org.kept.routing.internal.PresenceDesk;
import org.kept.routing.internal.Router;
import org.kept.routing.internal.RoutingQueue;
import org.kept.routing.internal.RuleDesk;
import org.kept.routing.internal.WorkDesk;
import org.kept.routing.internal.WorkItem;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.ticket.Channel;
import org.kept.ticket.Tickets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;

/**
 * Chats through routing into the agent's inbox: a new chat is submitted to the chat setting's queue and offered to
 * the agent with the queue's skill (never to one without it), at most three at once; accepting the offer makes the
 * chat the agent's and sends them to it in the inbox; the inbox lists it with the customer's unread messages, opening
 * it reads them, an answer goes to the customer; an outsourced agent sees numbers masked in the list, the header and
 * the messages; ending the chat frees the slot. The chat setting points at a queue only this test's agents can take.
 */
@KeptTest
class InboxTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Router router;
    @Autowired
    WorkDesk work;
    @Autowired
    RuleDesk rules;
    @Autowired
    PresenceDesk presence;
    @Autowired
    InboxDesk inbox;
    @Autowired
    Tickets tickets;
    @Autowired
    MockMvc mvc;

    String skill;
    RoutingQueue queue;

    @BeforeEach
    void chatsGoToAQueueOfThisTest() {
        skill = "chat-" + UUID.randomUUID().toString().substring(0, 8);
        queue = rules.save(new RoutingQueue(0, "q-" + skill, "在线 " + skill, Channel.CHAT, 0, RoutingQueue.Strategy.LONGEST_IDLE,
                null, null, null, RoutingQueue.ClosedAction.ANSWER, null, null, 30, 0,
                List.of(new RoutingQueue.Skill(skill, 1))));
        jdbc.sql("update chat_setting set routing_queue = ? where id = 1").param(queue.code()).update();
    }

    @AfterEach
    void chatsGoToTheDefaultQueueAgain() {
        jdbc.sql("update chat_setting set routing_queue = 'chat' where id = 1").update();
    }

    CurrentUser agent(String role, Map<String, Integer> skills) {
        CurrentUser u = fixtures.user(role);
        rules.replaceSkills(u.id(), skills);
        presence.choose(u.id(), PresenceState.AVAILABLE, null, u.id());
        return u;
    }

    static String phone() {
        return "139" + String.format("%08d", Math.floorMod(System.nanoTime(), 100_000_000L));
    }

    record Started(String token, long id, String phone) {
    }

    Started start(String name) {
        String phone = phone();
        String token = fixtures.api().post("/api/v1/chat/conversations", body("name", name, "phone", phone)).expect(201)
                .json().path("token").asString();
        long id = jdbc.sql("select id from chat_conversation where token = ?").param(token).query(Long.class).single();
        return new Started(token, id, phone);
    }

    void say(Started chat, String text) {
        fixtures.api().post("/api/v1/chat/conversations/" + chat.token() + "/messages",
                body("clientId", "c-" + UUID.randomUUID(), "body", text)).expect(201);
    }

    WorkItem item(Started chat) {
        long id = jdbc.sql("select id from routing_item where channel = 'CHAT' and reference = ?")
                .param("chat:" + chat.id()).query(Long.class).single();
        return work.item(id).orElseThrow();
    }

    @Test
    void aNewChatIsOfferedToTheAgentWithTheSkillAndAcceptingItOpensItInTheInbox() throws Exception {
        CurrentUser other = agent("AGENT", Map.of(skill + "-other", 5));
        CurrentUser skilled = agent("AGENT", Map.of(skill, 1));
        Started chat = start("路由客户");
        say(chat, "我的订单没有到");
        assertThat(item(chat).state()).as("submitted to the chat setting's queue").isEqualTo("WAITING");
        assertThat(item(chat).queueId()).isEqualTo(queue.id());

        router.runOnce();
        WorkItem offered = item(chat);
        assertThat(offered.state()).isEqualTo("OFFERED");
        assertThat(offered.agentId()).as("the agent with the queue's skill").isEqualTo(skilled.id()).isNotEqualTo(other.id());

        // the presence control's accept (as the console posts it) hands the chat over and opens it in the inbox
        mvc.perform(MockMvcRequestBuilders.post("/console/routing/work/" + offered.id() + "/accept").with(user(skilled))
                        .with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(header().string("HX-Redirect", "/console/inbox?open=CHAT%3Achat%3A" + chat.id()));
        Map<String, Object> row = jdbc.sql("select state, agent_id, ticket_id from chat_conversation where id = ?")
                .param(chat.id()).query().singleRow();
        assertThat(row.get("state")).isEqualTo("ACTIVE");
        assertThat(((Number) row.get("agent_id")).longValue()).isEqualTo(skilled.id());
        long ticket = ((Number) row.get("ticket_id")).longValue();
        assertThat(tickets.get(ticket).assigneeId()).isEqualTo(skilled.id());
        assertThat(item(chat).state()).isEqualTo("ASSIGNED");

        // the inbox: the chat with the customer's one message unread; opening it reads it
        Api api = fixtures.api(skilled);
        JsonNode listed = api.get("/api/v1/inbox").expect(200).json();
        assertThat(listed.path("conversations")).hasSize(1);
        JsonNode line = listed.path("conversations").get(0);
        assertThat(line.path("open").asString()).isEqualTo("CHAT:chat:" + chat.id());
        assertThat(line.path("unread").asInt()).isEqualTo(1);
        assertThat(line.path("ticketId").asLong()).isEqualTo(ticket);
        assertThat(listed.path("unread").asInt()).isEqualTo(1);
        String page = mvc.perform(MockMvcRequestBuilders.get("/console/inbox").param("open", "CHAT:chat:" + chat.id())
                        .with(user(skilled)).header("Accept-Language", "zh-CN"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("我的订单没有到", "路由客户", "收件箱", "id=\"inbox-mark\"");
        assertThat(api.get("/api/v1/inbox").json().path("unread").asInt()).isZero();
        say(chat, "还在吗");
        say(chat, "请尽快");
        assertThat(api.get("/api/v1/inbox").json().path("conversations").get(0).path("unread").asInt()).isEqualTo(2);

        // the answer goes to the customer through the chat
        mvc.perform(MockMvcRequestBuilders.post("/console/inbox/reply").param("open", "CHAT:chat:" + chat.id())
                        .param("text", "您好，马上为您查询").with(user(skilled)).with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isOk());
        assertThat(fixtures.api().get("/api/v1/chat/conversations/" + chat.token() + "/messages?after=0").json()
                .findValuesAsString("body")).contains("您好，马上为您查询");
        assertThat(api.get("/api/v1/inbox").json().path("unread").asInt()).isZero();

        // nobody else opens it
        mvc.perform(MockMvcRequestBuilders.get("/console/inbox/conversation").param("open", "CHAT:chat:" + chat.id())
                .with(user(other))).andExpect(status().isNotFound());

        // the customer ends it: the agent's slot is free and the chat leaves the inbox
        fixtures.api().post("/api/v1/chat/conversations/" + chat.token() + "/end", body()).expect(204);
        assertThat(item(chat).state()).isEqualTo("DONE");
        assertThat(api.get("/api/v1/inbox").json().path("conversations")).isEmpty();
    }

    @Test
    void anAgentHoldsAtMostThreeChatsAtOnce() {
        CurrentUser skilled = agent("AGENT", Map.of(skill, 1));
        List<Started> chats = List.of(start("甲"), start("乙"), start("丙"), start("丁"));
        router.runOnce();
        assertThat(chats.stream().filter(c -> Long.valueOf(skilled.id()).equals(item(c).agentId())).count())
                .as("the chat channel's capacity").isEqualTo(3);
        assertThat(item(chats.get(3)).state()).isEqualTo("WAITING");
        // a chat taken by hand from the waiting list leaves the queue
        CurrentUser byHand = fixtures.user("AGENT");
        fixtures.api(byHand).post("/api/v1/chats/" + chats.get(3).id() + "/accept", body()).expect(200);
        assertThat(item(chats.get(3)).state()).isEqualTo("CANCELLED");
    }

    @Test
    void anOutsourcedAgentSeesNoFullNumberInTheInbox() throws Exception {
        CurrentUser outsourced = agent("OUTSOURCED", Map.of(skill, 2));
        Started chat = start("外包可见客户");
        say(chat, "我的手机是 13912345678，邮箱 li.lei@example.com");
        router.runOnce();
        work.accept(item(chat).id(), outsourced.id());
        JsonNode line = fixtures.api(outsourced).get("/api/v1/inbox").expect(200).json().path("conversations").get(0);
        assertThat(line.path("who").asString()).doesNotContain(chat.phone()).contains("****");
        String page = mvc.perform(MockMvcRequestBuilders.get("/console/inbox").param("open", "CHAT:chat:" + chat.id())
                        .with(user(outsourced)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).doesNotContain(chat.phone(), "13912345678", "li.lei@example.com").contains("外包可见客户");
    }
}
