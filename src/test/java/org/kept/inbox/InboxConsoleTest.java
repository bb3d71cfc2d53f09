package org.kept.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.routing.internal.PresenceDesk;
import org.kept.routing.internal.Router;
import org.kept.routing.internal.RuleDesk;
import org.kept.routing.internal.WorkDesk;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.ticket.Tickets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The inbox console's answer form and its borders: an answer carries an Idempotency-Key (the form's field or the
 * header), so a double submit or a retried request sends one answer and the repeat is a replay; the same key with
 * other words is refused and sends nothing. Every inbox route and page, read by an outsourced agent, shows no full
 * number or address, not in the header, the customer card, a quoted reply or an attachment name, even when the
 * customer's name is their number or address. The routes' permission matrix: agents and outsourced agents, never a
 * customer or an anonymous caller.
 */
@KeptTest
class InboxConsoleTest {

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
    Tickets tickets;
    @Autowired
    MockMvc mvc;

    InboxChats chats;

    @BeforeEach
    void chatsGoToAQueueOfThisTest() {
        chats = new InboxChats(fixtures, jdbc, rules, presence, router, work).ownQueue("ic");
    }

    @AfterEach
    void chatsGoToTheDefaultQueueAgain() {
        chats.defaultQueue();
    }

    /** A chat of a customer whose name is what they typed; accepted by the agent through routing. */
    InboxChats.Chat chatOf(CurrentUser agent, String name, String phone, String words) {
        return chats.assign(chats.start(name, phone, words), agent);
    }

    static String phone() {
        return InboxChats.phone();
    }

    List<String> agentSaid(InboxChats.Chat chat) {
        return jdbc.sql("select body from chat_message where conversation_id = ? and sender = 'AGENT' order by seq")
                .param(chat.id()).query(String.class).list();
    }

    MockHttpServletRequestBuilder reply(InboxChats.Chat chat, String text) {
        return MockMvcRequestBuilders.post("/console/inbox/reply").param("open", "CHAT:chat:" + chat.id())
                .param("text", text).with(csrf()).header("HX-Request", "true");
    }

    @Test
    void aDoubleSubmittedOrRetriedAnswerIsSentOnce() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        InboxChats.Chat chat = chatOf(agent, "幂等客户", phone(), "请帮我查一下");
        String key = UUID.randomUUID().toString();

        // the form's key: the first submit sends, the second (a double click) replays the first
        mvc.perform(reply(chat, "正在为您查询").param("idempotencyKey", key).with(user(agent)))
                .andExpect(status().isOk()).andExpect(header().string("Idempotent-Replayed", "false"));
        mvc.perform(reply(chat, "正在为您查询").param("idempotencyKey", key).with(user(agent)))
                .andExpect(status().isOk()).andExpect(header().string("Idempotent-Replayed", "true"));
        assertThat(agentSaid(chat)).containsExactly("正在为您查询");

        // a retried request with the header (which wins over the field) is one answer too
        String retried = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            mvc.perform(reply(chat, "  已查到，明天送达  ").header("Idempotency-Key", retried)
                            .param("idempotencyKey", UUID.randomUUID().toString()).with(user(agent)))
                    .andExpect(status().isOk()).andExpect(header().string("Idempotent-Replayed", i == 0 ? "false" : "true"));
        }
        assertThat(agentSaid(chat)).containsExactly("正在为您查询", "已查到，明天送达");

        // the same key with other words is refused, on the page, and sends nothing
        String page = mvc.perform(reply(chat, "另一句话").param("idempotencyKey", key).with(user(agent)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"inbox-alert\"", "另一句话");
        assertThat(agentSaid(chat)).containsExactly("正在为您查询", "已查到，明天送达");

        // the form comes back with a new key for the next draft; without a key every submit sends
        assertThat(page).contains("name=\"idempotencyKey\"").doesNotContain("value=\"" + key + "\"");
        mvc.perform(reply(chat, "还有别的问题吗").with(user(agent))).andExpect(status().isOk());
        mvc.perform(reply(chat, "还有别的问题吗").with(user(agent))).andExpect(status().isOk());
        assertThat(agentSaid(chat)).hasSize(4);

        // a key is one caller's: another agent's same key is not the first agent's answer (and not theirs to send)
        CurrentUser other = fixtures.user("AGENT");
        mvc.perform(reply(chat, "正在为您查询").param("idempotencyKey", key).with(user(other)))
                .andExpect(status().isNotFound());
        assertThat(agentSaid(chat)).hasSize(4);
    }

    @Test
    void noInboxRouteShowsAnOutsourcedAgentAFullNumberOrAddress() throws Exception {
        CurrentUser outsourced = fixtures.user("OUTSOURCED");
        String phone = phone();
        String mail = "zhang.san-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        // the name typed into the chat form is the customer's number and address
        InboxChats.Chat chat = chatOf(outsourced, phone + " " + mail, phone, "我的电话 " + phone + "，邮箱 " + mail);
        String open = "CHAT:chat:" + chat.id();
        List<String> pages = new java.util.ArrayList<>();
        pages.add(fixtures.api(outsourced).get("/api/v1/inbox").expect(200).body());
        pages.add(get(MockMvcRequestBuilders.get("/console/inbox").param("open", open), outsourced));
        pages.add(get(MockMvcRequestBuilders.get("/console/inbox"), outsourced));
        pages.add(get(MockMvcRequestBuilders.get("/console/inbox/list").param("open", open), outsourced));
        pages.add(get(MockMvcRequestBuilders.get("/console/inbox/conversation").param("open", open), outsourced));
        pages.add(get(MockMvcRequestBuilders.get("/console/inbox/answers").param("q", phone + " " + mail), outsourced));
        pages.add(mvc.perform(reply(chat, "收到").with(user(outsourced))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString());
        for (String page : pages) {
            assertThat(page).doesNotContain(phone).doesNotContain(mail).doesNotContain(phone.substring(3));
        }
        assertThat(pages.get(1)).contains("****");
    }

    String get(MockHttpServletRequestBuilder request, CurrentUser as) throws Exception {
        return mvc.perform(request.with(user(as))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theInboxRoutesAreForAgentsOnly() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        CurrentUser outsourced = fixtures.user("OUTSOURCED");
        CurrentUser customer = fixtures.user("CUSTOMER");
        InboxChats.Chat chat = chatOf(agent, "权限客户", phone(), "你好");
        String open = "CHAT:chat:" + chat.id();
        List<MockHttpServletRequestBuilder> routes = List.of(
                MockMvcRequestBuilders.get("/console/inbox"),
                MockMvcRequestBuilders.get("/console/inbox/list"),
                MockMvcRequestBuilders.get("/console/inbox/conversation").param("open", open),
                MockMvcRequestBuilders.get("/console/inbox/answers").param("q", "退款"),
                MockMvcRequestBuilders.post("/console/inbox/reply").param("open", open).param("text", "x")
                        .param("idempotencyKey", UUID.randomUUID().toString()).with(csrf()));
        for (MockHttpServletRequestBuilder route : routes) {
            mvc.perform(route.with(user(customer))).andExpect(status().isForbidden());
        }
        for (MockHttpServletRequestBuilder route : List.of(MockMvcRequestBuilders.get("/console/inbox"),
                MockMvcRequestBuilders.get("/console/inbox/list"))) {
            mvc.perform(route).andExpect(status().is3xxRedirection());
            mvc.perform(route.with(user(agent))).andExpect(status().isOk());
            mvc.perform(route.with(user(outsourced))).andExpect(status().isOk());
        }
        // someone else's conversation: not found, for opening and for answering alike
        mvc.perform(MockMvcRequestBuilders.get("/console/inbox/conversation").param("open", open).with(user(outsourced)))
                .andExpect(status().isNotFound());
        mvc.perform(reply(chat, "不是我的").with(user(outsourced))).andExpect(status().isNotFound());
        // the form without its CSRF token is refused
        mvc.perform(MockMvcRequestBuilders.post("/console/inbox/reply").param("open", open).param("text", "x")
                .with(user(agent))).andExpect(status().isForbidden());
        assertThat(agentSaid(chat)).isEmpty();
        // the push stream the inbox listens on is the signed-in person's own
        mvc.perform(MockMvcRequestBuilders.get("/console/push").param("seconds", "0").with(user(agent)))
                .andExpect(status().isOk());
    }
}
