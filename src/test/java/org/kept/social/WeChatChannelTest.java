package org.kept.social;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
import org.kept.support.TestClock;
import org.kept.ticket.Channel;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The WeChat Official Account channel end to end, with WeChat's API played by WireMock and pushes signed (and, in safe
 * mode, encrypted) in the test: the URL check, bad signatures refused with nothing stored, the crypto round trip and an
 * AppId mismatch, retries deduplicated, a follower's messages becoming and joining a ticket, the agent's reply going
 * out through the outbox with one cached access token, and the 48-hour reply window enforced and shown.
 */
@KeptTest
class WeChatChannelTest {

    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final AtomicLong MSG = new AtomicLong(System.nanoTime() % 1_000_000_000L * 1000);
    static WireMockServer wechat;

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
    TestClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    SocialHooksSupport hooks;

    @BeforeAll
    static void startWeChat() {
        wechat = new WireMockServer(wireMockConfig().dynamicPort());
        wechat.start();
    }

    @AfterAll
    static void stopWeChat() {
        wechat.stop();
    }

    @BeforeEach
    void pointAtWeChat() {
        hooks = new SocialHooksSupport(fixtures);
        wechat.resetAll();
        worker.drain();
        settings.useApis(wechat.baseUrl(), wechat.baseUrl());
        wechat.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"TOKEN-1\",\"expires_in\":7200}")));
        wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
    }

    @AfterEach
    void drainWhatIsLeft() {
        inbox.drain();
        worker.drain();
    }

    static String code() {
        return "wx-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String openid() {
        return "oAbCd" + UUID.randomUUID().toString().replace("-", "").substring(0, 23);
    }

    int stored(long account) {
        return jdbc.sql("select count(*) from social_inbound where account_id = ?").param(account).query(Integer.class).single();
    }

    int processed(long account) {
        return jdbc.sql("select count(*) from social_inbound where account_id = ? and processed_at is not null")
                .param(account).query(Integer.class).single();
    }

    /** A plain-mode account of the hotline and a follower whose first message made a ticket. */
    record Conversation(String code, String token, long account, String follower, long ticket) {
    }

    Conversation conversation(String appId, String firstMessage) {
        String code = code();
        String token = "tok-" + code;
        long account = hooks.wechatAccount(code, appId, token, null);
        String follower = openid();
        long id = MSG.incrementAndGet();
        hooks.plain(code, token, SocialHooksSupport.text("gh", follower, clock.instant(), id, firstMessage)).expect(200);
        inbox.drain();
        return new Conversation(code, token, account, follower,
                contacts.byExternalId(Channel.WECHAT, account + ":" + id).orElseThrow().ticketId());
    }

    @Test
    void theUrlCheckEchoesOnlyWithTheRightSignature() {
        String code = code();
        hooks.wechatAccount(code, "wxapp", "tok-" + code, null);
        String ts = "1700000000";
        String good = WeChatCrypto.signature("tok-" + code, ts, "n1");
        Response ok = hooks.get("/api/v1/hooks/wechat/" + code + "?signature=" + good + "&timestamp=" + ts + "&nonce=n1&echostr=hello123");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("hello123");

        Response bad = hooks.get("/api/v1/hooks/wechat/" + code + "?signature=" + good + "&timestamp=" + ts + "&nonce=n2&echostr=x");
        assertThat(bad.status()).isEqualTo(403);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(hooks.get("/api/v1/hooks/wechat/no-such-account?signature=a&timestamp=1&nonce=1&echostr=x").status())
                .isEqualTo(404);
    }

    @Test
    void aPushWithABadSignatureIsRefusedAndNothingIsStored() {
        String code = code();
        long account = hooks.wechatAccount(code, "wxapp", "tok-" + code, null);
        String xml = SocialHooksSupport.text("gh", openid(), Instant.now(), MSG.incrementAndGet(), "你好");
        Response forged = hooks.plain(code, "not-the-token", xml);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        Response unsigned = hooks.post("/api/v1/hooks/wechat/" + code, "text/xml", xml);
        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(stored(account)).isZero();
    }

    @Test
    void messagesBecomeOneTicketRetriesAreOneContactAndALateMessageStartsAnother() {
        String code = code();
        String token = "tok-" + code;
        long account = hooks.wechatAccount(code, "wxapp", token, null);
        String follower = openid();
        long first = MSG.incrementAndGet();
        String xml = SocialHooksSupport.text("gh", follower, clock.instant(), first, "宽带断网了，请尽快处理");

        // the platform retries when it hears nothing in 5 s: each try is answered "success", one is kept
        for (int i = 0; i < 3; i++) {
            Response r = hooks.plain(code, token, xml);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("success");
        }
        assertThat(stored(account)).isEqualTo(1);
        inbox.drain();
        assertThat(processed(account)).isEqualTo(1);
        hooks.plain(code, token, xml).expect(200);
        assertThat(stored(account)).isEqualTo(1);

        Contact c = contacts.byExternalId(Channel.WECHAT, account + ":" + first).orElseThrow();
        assertThat(c.direction()).isEqualTo(Direction.INBOUND);
        assertThat(c.address()).isEqualTo(follower);
        TicketView ticket = tickets.get(c.ticketId());
        assertThat(ticket.channel()).isEqualTo(Channel.WECHAT);
        assertThat(ticket.subject()).isEqualTo("宽带断网了，请尽快处理");
        assertThat(ticket.teamId()).isEqualTo(fixtures.team("hotline"));
        assertThat(contacts.ofTicket(ticket.id())).hasSize(1);

        // a second message, an image and a voice message join the same ticket
        hooks.plain(code, token, SocialHooksSupport.text("gh", follower, clock.instant(), MSG.incrementAndGet(), "还没好")).expect(200);
        String image = "<xml><ToUserName>gh</ToUserName><FromUserName>" + follower + "</FromUserName><CreateTime>"
                + clock.instant().getEpochSecond() + "</CreateTime><MsgType>image</MsgType><PicUrl>http://mmbiz/p.jpg</PicUrl>"
                + "<MediaId>m1</MediaId><MsgId>" + MSG.incrementAndGet() + "</MsgId></xml>";
        hooks.plain(code, token, image).expect(200);
        // an event has no MsgId: deduplicated by sender and time, and not a message
        String event = "<xml><ToUserName>gh</ToUserName><FromUserName>" + follower + "</FromUserName><CreateTime>"
                + clock.instant().getEpochSecond() + "</CreateTime><MsgType>event</MsgType><Event>subscribe</Event></xml>";
        hooks.plain(code, token, event).expect(200);
        hooks.plain(code, token, event).expect(200);
        inbox.drain();
        assertThat(stored(account)).isEqualTo(4);
        assertThat(processed(account)).isEqualTo(4);
        assertThat(contacts.ofTicket(ticket.id())).hasSize(3);
        assertThat(tickets.timeline(ticket.id())).anySatisfy(e -> assertThat(e.body()).isEqualTo("还没好"))
                .anySatisfy(e -> assertThat(e.body()).contains("[图片]"));

        // four days later the follower writes again: a new ticket of the same customer
        try (var later = clock.moved(Duration.ofDays(4))) {
            long late = MSG.incrementAndGet();
            hooks.plain(code, token, SocialHooksSupport.text("gh", follower, clock.instant(), late, "又断了")).expect(200);
            inbox.drain();
            Contact again = contacts.byExternalId(Channel.WECHAT, account + ":" + late).orElseThrow();
            assertThat(again.ticketId()).isNotEqualTo(ticket.id());
            assertThat(tickets.get(again.ticketId()).customerId()).isEqualTo(ticket.customerId());
        }
    }

    @Test
    void safeModeDecryptsChecksTheAppIdAndTheMessageSignature() {
        String code = code();
        String token = "tok-" + code;
        long account = hooks.wechatAccount(code, "wx-safe-app", token, AES_KEY);
        String follower = openid();
        long id = MSG.incrementAndGet();
        String xml = SocialHooksSupport.text("gh", follower, clock.instant(), id, "加密的消息 <b>&amp;</b>");

        WeChatCrypto crypto = new WeChatCrypto(AES_KEY, "wx-safe-app");
        String encrypted = crypto.encrypt(xml);
        assertThat(crypto.decrypt(encrypted)).isEqualTo(xml);
        assertThat(java.util.Base64.getDecoder().decode(encrypted).length % 32).isZero();
        assertThatThrownBy(() -> new WeChatCrypto(AES_KEY, "wx-other-app").decrypt(encrypted))
                .isInstanceOf(WeChatCrypto.Refused.class).hasMessageContaining("AppId");

        // encrypted for another AppId, a wrong msg_signature, or sent in plain to a safe-mode account: refused, not stored
        assertThat(hooks.safe(code, token, AES_KEY, "wx-other-app", xml).status()).isEqualTo(403);
        assertThat(hooks.safe(code, "wrong-token", AES_KEY, "wx-safe-app", xml).status()).isEqualTo(403);
        assertThat(hooks.plain(code, token, xml).status()).isEqualTo(403);
        assertThat(stored(account)).isZero();

        hooks.safe(code, token, AES_KEY, "wx-safe-app", xml).expect(200);
        hooks.safe(code, token, AES_KEY, "wx-safe-app", xml).expect(200);
        assertThat(stored(account)).isEqualTo(1);
        inbox.drain();
        Contact c = contacts.byExternalId(Channel.WECHAT, account + ":" + id).orElseThrow();
        assertThat(tickets.get(c.ticketId()).description()).isEqualTo("加密的消息 <b>&amp;</b>");
    }

    @Test
    void theAgentsReplyGoesOutThroughTheOutboxWithOneCachedToken() {
        Conversation conv = conversation("wx-reply", "怎么退款");
        String code = conv.code();
        String token = conv.token();
        String follower = conv.follower();
        long ticket = conv.ticket();

        Api agent = fixtures.api(fixtures.user("AGENT"));
        agent.post("/api/v1/tickets/" + ticket + "/replies", Api.body("body", "您好，退款将在3个工作日内到账")).expect(200);
        agent.post("/api/v1/tickets/" + ticket + "/replies", Api.body("body", "还有其他问题吗")).expect(200);
        assertThat(wechat.getAllServeEvents()).isEmpty();  // nothing leaves before the worker sends it
        worker.drain();

        wechat.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")).withQueryParam("appid", equalTo("wx-reply"))
                .withQueryParam("secret", equalTo("secret-" + code)).withQueryParam("grant_type", equalTo("client_credential")));
        wechat.verify(2, postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send"))
                .withQueryParam("access_token", equalTo("TOKEN-1"))
                .withRequestBody(matchingJsonPath("$.touser", equalTo(follower)))
                .withRequestBody(matchingJsonPath("$.msgtype", equalTo("text"))));
        wechat.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send"))
                .withRequestBody(matchingJsonPath("$.text.content", equalTo("您好，退款将在3个工作日内到账"))));
        List<Contact> out = contacts.ofTicket(ticket).stream().filter(c -> c.direction() == Direction.OUTBOUND).toList();
        assertThat(out).hasSize(2).allSatisfy(c -> assertThat(c.outcome()).isEqualTo("SENT"));

        // an expired token is dropped, fetched again and the send retried
        wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).inScenario("expired")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("{\"errcode\":42001,\"errmsg\":\"access_token expired\"}"))
                .willSetStateTo("renewed"));
        wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/custom/send")).inScenario("expired")
                .whenScenarioStateIs("renewed").willReturn(okJson("{\"errcode\":0}")));
        agent.post("/api/v1/tickets/" + ticket + "/replies", Api.body("body", "第三条")).expect(200);
        worker.drain();
        try (var later = clock.moved(Duration.ofMinutes(1))) {
            worker.drain();
        }
        wechat.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
        assertThat(contacts.ofTicket(ticket).stream().filter(c -> c.direction() == Direction.OUTBOUND))
                .hasSize(3).allSatisfy(c -> assertThat(c.outcome()).isEqualTo("SENT"));
    }

    @Test
    void aReplyAfterTheWindowIsRefusedOnTheApiAndThePageAndTheWindowIsShown() throws Exception {
        Conversation conv = conversation("wx-window", "在吗");
        String code = conv.code();
        String token = conv.token();
        String follower = conv.follower();
        long ticket = conv.ticket();
        CurrentUser agentUser = fixtures.user("AGENT");
        Api agent = fixtures.api(agentUser).language("en");

        var window = agent.get("/api/v1/tickets/" + ticket + "/social-window").expect(200).json();
        assertThat(window.path("open").asBoolean()).isTrue();
        assertThat(window.path("repliesLeft").asInt()).isEqualTo(5);
        assertThat(Instant.parse(window.path("until").asString())).isAfter(clock.instant().plus(Duration.ofHours(47)));
        mvc.perform(MockMvcRequestBuilders.get("/console/tickets/" + ticket + "/social-window").with(user(agentUser))
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Replies possible until")))
                .andExpect(content().string(containsString("(5 replies left)")));

        try (var later = clock.moved(Duration.ofHours(49))) {
            agent = fixtures.api(agentUser).language("en");  // the earlier token has expired by now
            Response refused = agent.post("/api/v1/tickets/" + ticket + "/replies", Api.body("body", "抱歉回复晚了"));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.detail()).contains("reply window closed");
            assertThat(tickets.timeline(ticket)).noneSatisfy(e -> assertThat(e.body()).isEqualTo("抱歉回复晚了"));
            assertThat(agent.get("/api/v1/tickets/" + ticket + "/social-window").expect(200).json().path("open").asBoolean()).isFalse();

            int version = tickets.get(ticket).version();
            mvc.perform(MockMvcRequestBuilders.post("/console/tickets/" + ticket + "/reply").param("body", "页面上的回复")
                            .param("version", Integer.toString(version)).with(user(agentUser)).with(csrf())
                            .header("HX-Request", "true").header("Accept-Language", "en"))
                    .andExpect(content().string(containsString("reply window closed")));
            mvc.perform(MockMvcRequestBuilders.get("/console/tickets/" + ticket + "/social-window").with(user(agentUser))
                            .header("Accept-Language", "en"))
                    .andExpect(content().string(containsString("Reply window closed at")));
        }
        worker.drain();
        wechat.verify(0, postRequestedFor(urlPathEqualTo("/cgi-bin/message/custom/send")));
    }

    @Test
    void fiveRepliesPerMessageThenTheAgentWaitsForTheFollower() {
        Conversation conv = conversation("wx-count", "问题");
        String code = conv.code();
        String token = conv.token();
        String follower = conv.follower();
        long ticket = conv.ticket();
        Api agent = fixtures.api(fixtures.user("AGENT")).language("en");
        for (int i = 1; i <= 5; i++) {
            agent.post("/api/v1/tickets/" + ticket + "/replies", Api.body("body", "回复 " + i)).expect(200);
        }
        Response sixth = agent.post("/api/v1/tickets/" + ticket + "/replies", Api.body("body", "回复 6"));
        assertThat(sixth.status()).isEqualTo(409);
        assertThat(sixth.detail()).contains("no more replies");

        hooks.plain(code, token, SocialHooksSupport.text("gh", follower, clock.instant(), MSG.incrementAndGet(), "好的")).expect(200);
        inbox.drain();
        agent.post("/api/v1/tickets/" + ticket + "/replies", Api.body("body", "回复 6")).expect(200);
    }

    @Test
    void anOutsourcedAgentNeverSeesTheOpenid() throws Exception {
        Conversation conv = conversation("wx-mask", "隐私");
        String code = conv.code();
        String token = conv.token();
        String follower = conv.follower();
        long ticket = conv.ticket();
        CurrentUser outsourced = fixtures.user("OUTSOURCED");
        mvc.perform(MockMvcRequestBuilders.get("/console/tickets/" + ticket).with(user(outsourced)))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString(follower))));
        Response api = fixtures.api(outsourced).get("/api/v1/tickets/" + ticket);
        assertThat(api.body()).doesNotContain(follower);
        assertThat(fixtures.api(outsourced).get("/api/v1/tickets/" + ticket + "/social-window").expect(200).body())
                .doesNotContain(follower);
    }

    @Test
    void onlyAdministratorsManageAccountsAndSecretsAreNeverShownBack() throws Exception {
        String code = code();
        hooks.wechatAccount(code, "wx-admin", "token-secret-value", AES_KEY);
        Api admin = fixtures.api(fixtures.user("ADMIN", null));
        String listed = admin.get("/api/v1/social/accounts").expect(200).body();
        assertThat(listed).contains(code).doesNotContain("secret-" + code).doesNotContain("token-secret-value")
                .doesNotContain(AES_KEY);
        for (String role : List.of("AGENT", "OUTSOURCED", "LEAD", "CUSTOMER")) {
            CurrentUser who = fixtures.user(role);
            mvc.perform(MockMvcRequestBuilders.get("/admin/social").with(user(who))).andExpect(status().isForbidden());
            fixtures.api(who).get("/api/v1/social/accounts").expect(403);
        }
        CurrentUser adminUser = fixtures.user("ADMIN", null);
        mvc.perform(MockMvcRequestBuilders.get("/admin/social").with(user(adminUser)))
                .andExpect(status().isOk()).andExpect(content().string(containsString(code)))
                .andExpect(content().string(not(containsString("token-secret-value"))))
                .andExpect(content().string(not(containsString(AES_KEY))));
        Response refused = admin.post("/api/v1/social/accounts", Api.body("code", "Bad Code", "platform", "WECHAT"));
        assertThat(refused.status()).isEqualTo(422);
    }
}
