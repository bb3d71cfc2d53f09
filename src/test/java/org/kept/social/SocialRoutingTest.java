package org.kept.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.inbox.InboxThread;
import org.kept.inbox.internal.InboxDesk;
import org.kept.routing.PresenceState;
import org.kept.routing.internal.PresenceDesk;
import org.kept.routing.internal.Router;
import org.kept.routing.internal.RoutingQueue;
import org.kept.routing.internal.RuleDesk;
import org.kept.routing.internal.WorkDesk;
import org.kept.routing.internal.WorkItem;
import org.kept.social.internal.SocialInbox;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.TestClock;
import org.kept.ticket.Channel;
import org.kept.ticket.Tickets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * WeChat and Weibo messages through routing: the account names its queue (checked when set), a follower's first
 * message is submitted there and offered to the agent with the skill, the accepted offer makes the ticket theirs and
 * the conversation is in their inbox with the unread count; an outsourced agent never sees the platform id in full.
 * No reply is sent here (the channel tests own the platforms' stand-ins and the outbox).
 */
@KeptTest
class SocialRoutingTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    SocialInbox socialInbox;
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
    TestClock clock;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void processWhatIsLeft() {
        socialInbox.drain();
    }

    RoutingQueue queue(Channel channel, String skill) {
        return rules.save(new RoutingQueue(0, "q-" + skill, "社交 " + skill, channel, 0, RoutingQueue.Strategy.LONGEST_IDLE,
                null, null, null, RoutingQueue.ClosedAction.ANSWER, null, null, 30, 0, List.of(new RoutingQueue.Skill(skill, 1))));
    }

    CurrentUser agent(String skill) {
        CurrentUser u = fixtures.user("OUTSOURCED");
        rules.replaceSkills(u.id(), Map.of(skill, 2));
        presence.choose(u.id(), PresenceState.AVAILABLE, null, u.id());
        return u;
    }

    WorkItem item(Channel channel, long ticket) {
        long id = jdbc.sql("select id from routing_item where channel = ? and reference = ?").params(channel.name(), "ticket:" + ticket)
                .query(Long.class).single();
        return work.item(id).orElseThrow();
    }

    void routedToTheSkilledAgent(Channel channel, long ticket, RoutingQueue q, CurrentUser agent, CurrentUser other,
                                 String fullRef, String words) {
        WorkItem item = item(channel, ticket);
        assertThat(item.queueId()).as("the account's queue").isEqualTo(q.id());
        assertThat(item.state()).isEqualTo("WAITING");
        router.runOnce();
        item = item(channel, ticket);
        assertThat(item.state()).isEqualTo("OFFERED");
        assertThat(item.agentId()).isEqualTo(agent.id()).isNotEqualTo(other.id());
        work.accept(item.id(), agent.id());
        assertThat(tickets.get(ticket).assigneeId()).isEqualTo(agent.id());

        InboxDesk.Entry entry = inbox.of(agent).stream().filter(e -> e.line().ticketId() == ticket).findFirst().orElseThrow();
        assertThat(entry.line().channel()).isEqualTo(channel);
        assertThat(entry.unread()).isEqualTo(1);
        assertThat(entry.line().who()).doesNotContain(fullRef).contains("****");
        InboxThread thread = inbox.open(channel, "ticket:" + ticket, agent);
        assertThat(thread.messages()).extracting(InboxThread.Message::text).contains(words);
        assertThat(thread.canReply()).as("inside the platform's reply window").isTrue();
        assertThat(thread.lastContactId()).isNotNull();
        assertThat(inbox.of(agent).stream().filter(e -> e.line().ticketId() == ticket).findFirst().orElseThrow().unread()).isZero();
        assertThat(inbox.of(other)).noneMatch(e -> e.line().ticketId() == ticket);
    }

    @Test
    void aWeChatMessageIsRoutedToItsAccountsQueue() {
        String skill = "wx-" + UUID.randomUUID().toString().substring(0, 8);
        RoutingQueue q = queue(Channel.WECHAT, skill);
        String code = "wx-" + UUID.randomUUID().toString().substring(0, 8);
        String token = "tok-" + code;
        Api admin = fixtures.api(fixtures.user("ADMIN", null));
        // a queue that does not exist is refused when the account names it
        admin.post("/api/v1/social/accounts", Api.body("code", code, "platform", "WECHAT", "name", "客服号 " + code,
                "appId", "wxapp", "appSecret", "secret-" + code, "token", token, "routingQueue", "no-such-queue")).expect(422);
        admin.post("/api/v1/social/accounts", Api.body("code", code, "platform", "WECHAT", "name", "客服号 " + code,
                "appId", "wxapp", "appSecret", "secret-" + code, "token", token, "routingQueue", q.code())).expect(201);
        CurrentUser other = agent(skill + "-x");
        CurrentUser agent = agent(skill);
        String openid = "oAbCd" + UUID.randomUUID().toString().replace("-", "").substring(0, 23);
        long msgId = Math.floorMod(System.nanoTime(), 1_000_000_000_000L);
        new SocialHooksSupport(fixtures).plain(code, token, SocialHooksSupport.text("gh", openid, clock.instant(), msgId,
                "发票什么时候开")).expect(200);
        socialInbox.drain();
        long ticket = jdbc.sql("select ticket_id from social_follower where user_ref = ?").param(openid).query(Long.class).single();
        routedToTheSkilledAgent(Channel.WECHAT, ticket, q, agent, other, openid, "发票什么时候开");
    }

    @Test
    void aWeiboPrivateMessageIsRoutedToItsAccountsQueue() {
        String skill = "wb-" + UUID.randomUUID().toString().substring(0, 8);
        RoutingQueue q = queue(Channel.WEIBO, skill);
        String code = "wb-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "weibo-secret-" + code;
        fixtures.api(fixtures.user("ADMIN", null)).post("/api/v1/social/accounts", Api.body("code", code, "platform", "WEIBO",
                "name", "官方微博 " + code, "appId", "appkey-" + code, "appSecret", secret, "accessToken", "weibo-access-" + code,
                "routingQueue", q.code())).expect(201);
        CurrentUser other = agent(skill + "-x");
        CurrentUser agent = agent(skill);
        String fan = Long.toString(1_000_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 8_000_000_000L));
        new SocialHooksSupport(fixtures).weibo(code, secret, "{\"type\":\"text\",\"receiver_id\":1902538057,\"sender_id\":" + fan
                + ",\"created_at\":\"Thu Dec 03 10:09:20 +0800 2026\",\"text\":\"快递丢了\",\"data\":{}}").expect(200);
        socialInbox.drain();
        long ticket = jdbc.sql("select ticket_id from social_follower where user_ref = ?").param(fan).query(Long.class).single();
        routedToTheSkilledAgent(Channel.WEIBO, ticket, q, agent, other, fan, "快递丢了");
    }
}
