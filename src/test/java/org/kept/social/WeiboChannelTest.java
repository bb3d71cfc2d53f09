package org.kept.social;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.contact.Contact;
import org.kept.contact.Contacts;
import org.kept.contact.Direction;
import org.kept.contact.internal.OutboxWorker;
import org.kept.identity.CurrentUser;
import org.kept.social.internal.SocialInbox;
import org.kept.social.internal.SocialSettings;
import org.kept.social.internal.WeChatCrypto;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.kept.ticket.Channel;
import org.kept.ticket.Tickets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;

/**
 * Weibo through the same adapter shape as WeChat, its messaging API played by WireMock: a fan's private message signed
 * with the app secret becomes a ticket (a retry is the same message), the agent's reply goes back through the outbox to
 * {@code /2/messages/reply.json}, and public @mentions are listed for the account's team (authors masked for outsourced
 * agents) to answer in public or turn into a ticket, once.
 */
@KeptTest
class WeiboChannelTest {

    static WireMockServer weibo;

    @Autowired
    Fixtures fixtures;
    @Autowired
    SocialInbox inbox;
    @Autowired
    SocialSettings settings;
    @Autowired
    OutboxWorker worker;
    @Autowired
    Contacts contacts;
    @Autowired
    Tickets tickets;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    SocialHooksSupport hooks;

    @BeforeAll
    static void startWeibo() {
        weibo = new WireMockServer(wireMockConfig().dynamicPort());
        weibo.start();
    }

    @AfterAll
    static void stopWeibo() {
        weibo.stop();
    }

    @BeforeEach
    void pointAtWeibo() {
        hooks = new SocialHooksSupport(fixtures);
        weibo.resetAll();
        worker.drain();
        settings.useApis(weibo.baseUrl(), weibo.baseUrl());
        weibo.stubFor(post(urlPathEqualTo("/2/messages/reply.json")).willReturn(okJson("{\"id\":\"987654\",\"text\":\"ok\"}")));
        weibo.stubFor(post(urlPathEqualTo("/2/comments/create.json")).willReturn(okJson("{\"id\":\"555\"}")));
    }

    static String code() {
        return "wb-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String uid() {
        return Long.toString(1_000_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 8_000_000_000L));
    }

    static String push(String type, String sender, String text, String data) {
        return "{\"type\":\"" + type + "\",\"receiver_id\":1902538057,\"sender_id\":" + sender
                + ",\"created_at\":\"Thu Dec 03 10:09:20 +0800 2026\",\"text\":\"" + text + "\",\"data\":" + data + "}";
    }

    int stored(long account) {
        return jdbc.sql("select count(*) from social_inbound where account_id = ?").param(account).query(Integer.class).single();
    }

    @Test
    void aPrivateMessageBecomesATicketAndTheReplyGoesBackThroughTheMessagingApi() {
        String code = code();
        String secret = "weibo-secret-" + code;
        long account = hooks.weiboAccount(code, secret);
        String fan = uid();
        String ts = "1700000000";
        Response check = hooks.get("/api/v1/hooks/weibo/" + code + "?signature=" + WeChatCrypto.signature(secret, ts, "n")
                + "&timestamp=" + ts + "&nonce=n&echostr=weibo-echo");
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.body()).isEqualTo("weibo-echo");

        String message = push("text", fan, "订单一直没发货", "{}");
        Response forged = hooks.weibo(code, "wrong-secret", message);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        assertThat(stored(account)).isZero();

        hooks.weibo(code, secret, message).expect(200);
        hooks.weibo(code, secret, message).expect(200);
        assertThat(stored(account)).isEqualTo(1);
        inbox.drain();

        List<Contact> ofFan = jdbc.sql("select id from contact where channel = 'WEIBO' and address = ?").param(fan)
                .query(Long.class).list().stream().map(id -> contacts.find(id).orElseThrow()).toList();
        assertThat(ofFan).singleElement().satisfies(c -> {
            assertThat(c.direction()).isEqualTo(Direction.INBOUND);
            assertThat(c.summary()).isEqualTo("订单一直没发货");
        });
        long ticket = ofFan.get(0).ticketId();
        assertThat(tickets.get(ticket).channel()).isEqualTo(Channel.WEIBO);

        Api agent = fixtures.api(fixtures.user("AGENT"));
        assertThat(agent.get("/api/v1/tickets/" + ticket + "/social-window").expect(200).json().path("open").asBoolean()).isTrue();
        // Weibo takes a private reply under 300 characters: a longer one is refused before anything is written
        int timeline = tickets.timeline(ticket).size();
        Response tooLong = agent.post("/api/v1/tickets/" + ticket + "/replies", Api.body("body", "很".repeat(300)));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.contentType()).startsWith("application/problem+json");
        assertThat(tickets.timeline(ticket)).hasSize(timeline);
        agent.post("/api/v1/tickets/" + ticket + "/replies", Api.body("body", "已为您催促发货")).expect(200);
        worker.drain();
        weibo.verify(1, postRequestedFor(urlPathEqualTo("/2/messages/reply.json"))
                .withRequestBody(containing("receiver_id=" + fan))
                .withRequestBody(containing("access_token=weibo-access-" + code))
                .withRequestBody(containing("type=text"))
                .withRequestBody(containing(SocialHooksSupport.enc("{\"text\":\"已为您催促发货\"}"))));
        assertThat(contacts.ofTicket(ticket)).filteredOn(c -> c.direction() == Direction.OUTBOUND).singleElement()
                .satisfies(c -> assertThat(c.outcome()).isEqualTo("SENT"));
    }

    @Test
    void mentionsAreListedForTheTeamMaskedAndAnsweredOrTurnedIntoATicketOnce() throws Exception {
        String code = code();
        String secret = "weibo-secret-" + code;
        long account = hooks.weiboAccount(code, secret);
        String author = uid();
        String status = "49" + System.nanoTime();
        String other = "50" + System.nanoTime();
        hooks.weibo(code, secret, push("mention", author, "@官方微博 快递丢了，电话13912345678", "{\"subtype\":\"status\",\"key\":\"" + status + "\"}"))
                .expect(200);
        hooks.weibo(code, secret, push("mention", author, "@官方微博 快递丢了，电话13912345678", "{\"subtype\":\"status\",\"key\":\"" + status + "\"}"))
                .expect(200);
        hooks.weibo(code, secret, push("mention", author, "@官方微博 还有一个问题", "{\"subtype\":\"comment\",\"key\":\"" + other + "\"}"))
                .expect(200);
        inbox.drain();

        CurrentUser agentUser = fixtures.user("AGENT");
        Api agent = fixtures.api(agentUser);
        JsonNode mentions = agent.get("/api/v1/social/mentions?open=true").expect(200).json();
        List<JsonNode> mine = new java.util.ArrayList<>();
        mentions.forEach(m -> {
            if (m.path("ref").asString().equals(status) || m.path("ref").asString().equals(other)) {
                mine.add(m);
            }
        });
        assertThat(mine).hasSize(2);
        JsonNode first = mine.stream().filter(m -> m.path("ref").asString().equals(status)).findFirst().orElseThrow();
        assertThat(first.path("author").asString()).isNotEqualTo(author).contains("****");
        assertThat(first.path("text").asString()).contains("139****5678");

        // an agent of another team does not see them; the outsourced agent's page shows no uid or number in full
        Api otherTeam = fixtures.api(fixtures.user("AGENT", "after-sales"));
        assertThat(otherTeam.get("/api/v1/social/mentions").expect(200).body()).doesNotContain(status);
        CurrentUser outsourced = fixtures.user("OUTSOURCED");
        mvc.perform(MockMvcRequestBuilders.get("/console/social/mentions").with(user(outsourced)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("快递丢了")))
                .andExpect(content().string(not(containsString(author))))
                .andExpect(content().string(not(containsString("13912345678"))));

        long firstId = first.path("id").asLong();
        agent.post("/api/v1/social/mentions/" + firstId + "/answer", Api.body("text", "请私信我们订单号")).expect(204);
        assertThat(agent.post("/api/v1/social/mentions/" + firstId + "/answer", Api.body("text", "再答一次")).status()).isEqualTo(409);
        worker.drain();
        weibo.verify(1, postRequestedFor(urlPathEqualTo("/2/comments/create.json")).withRequestBody(containing("id=" + status))
                .withRequestBody(containing("comment=" + SocialHooksSupport.enc("请私信我们订单号"))));

        long secondId = mine.stream().filter(m -> m.path("ref").asString().equals(other)).findFirst().orElseThrow().path("id").asLong();
        JsonNode created = agent.post("/api/v1/social/mentions/" + secondId + "/ticket", null).expect(201).json();
        var t = tickets.get(created.path("id").asLong());
        assertThat(t.channel()).isEqualTo(Channel.WEIBO);
        assertThat(t.teamId()).isEqualTo(fixtures.team("hotline"));
        assertThat(agent.post("/api/v1/social/mentions/" + secondId + "/ticket", null).status()).isEqualTo(409);
        assertThat(agent.get("/api/v1/social/mentions?open=true").expect(200).body()).doesNotContain(status).doesNotContain(other);
        assertThat(stored(account)).isEqualTo(2);
    }

    /**
     * Issue 16's console gap: the fan unfollows (the fan-service push's event, signed like every push): the
     * conversation's reply window closes at once, the agent holding it is told through their push stream, the inbox
     * and the ticket page say why, and a reply is refused before anything is written; following again opens it.
     */
    @Test
    void anUnfollowClosesTheReplyWindowAndTheConsoleSaysWhy() throws Exception {
        String code = code();
        String secret = "weibo-secret-" + code;
        long account = hooks.weiboAccount(code, secret);
        String fan = uid();
        hooks.weibo(code, secret, push("text", fan, "快递三天没动了", "{}")).expect(200);
        inbox.drain();
        long ticket = jdbc.sql("select ticket_id from social_follower where account_id = ? and user_ref = ?")
                .params(account, fan).query(Long.class).single();
        CurrentUser agent = fixtures.user("AGENT");
        var t = tickets.get(ticket);
        tickets.assign(ticket, t.teamId(), agent.id(), t.version(), fixtures.user("LEAD"));
        Api api = fixtures.api(agent);
        assertThat(api.get("/api/v1/tickets/" + ticket + "/social-window").expect(200).json().path("open").asBoolean()).isTrue();

        try (org.kept.support.PushStream stream = org.kept.support.PushStream.open(fixtures.baseUrl(), fixtures.token(agent))) {
            // a forged unfollow changes nothing
            String unfollow = "{\"type\":\"event\",\"receiver_id\":1902538057,\"sender_id\":" + fan
                    + ",\"created_at\":\"Thu Dec 03 11:30:00 +0800 2026\",\"text\":\"取消关注事件\",\"data\":{\"subtype\":\"unfollow\",\"key\":\"\"}}";
            assertThat(hooks.weibo(code, "wrong-secret", unfollow).status()).isEqualTo(403);
            hooks.weibo(code, secret, unfollow).expect(200);
            hooks.weibo(code, secret, unfollow).expect(200);
            inbox.drain();
            assertThat(stream.awaitEvent("inbox", java.time.Duration.ofSeconds(10)))
                    .contains("\"ticket\":" + ticket, "\"why\":\"WINDOW\"");
        }
        JsonNode window = api.get("/api/v1/tickets/" + ticket + "/social-window").expect(200).json();
        assertThat(window.path("open").asBoolean()).isFalse();
        assertThat(window.path("unfollowedAt").asString()).isNotBlank();

        // the inbox says why and offers no answer box; the ticket page's window says it too (both languages)
        String open = "WEIBO:ticket:" + ticket;
        mvc.perform(MockMvcRequestBuilders.get("/console/inbox").param("open", open).with(user(agent))
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The follower unfollowed the account at 2026-12-03 11:30")))
                .andExpect(content().string(not(containsString("id=\"inbox-form\""))));
        mvc.perform(MockMvcRequestBuilders.get("/console/inbox").param("open", open).with(user(agent))
                        .header("Accept-Language", "zh-CN"))
                .andExpect(content().string(containsString("粉丝已于 2026-12-03 11:30 取消关注")));
        mvc.perform(MockMvcRequestBuilders.get("/console/tickets/" + ticket + "/social-window").with(user(agent))
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The follower unfollowed the account at 2026-12-03 11:30")));

        // a reply is refused (409, a problem body saying why) and nothing is written or sent
        int timeline = tickets.timeline(ticket).size();
        Response refused = api.post("/api/v1/tickets/" + ticket + "/replies", Api.body("body", "您好"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("unfollowed");
        assertThat(tickets.timeline(ticket)).hasSize(timeline);
        worker.drain();
        weibo.verify(0, postRequestedFor(urlPathEqualTo("/2/messages/reply.json")));

        // following again opens the window (the fan's last message is still within its 48 hours)
        hooks.weibo(code, secret, "{\"type\":\"event\",\"receiver_id\":1902538057,\"sender_id\":" + fan
                + ",\"created_at\":\"Thu Dec 03 11:40:00 +0800 2026\",\"text\":\"关注事件\",\"data\":{\"subtype\":\"follow\",\"key\":\"\"}}")
                .expect(200);
        inbox.drain();
        assertThat(api.get("/api/v1/tickets/" + ticket + "/social-window").expect(200).json().path("open").asBoolean()).isTrue();
        api.post("/api/v1/tickets/" + ticket + "/replies", Api.body("body", "欢迎回来")).expect(200);
        worker.drain();
        weibo.verify(1, postRequestedFor(urlPathEqualTo("/2/messages/reply.json")));
    }
}
