package org.kept.inbox;

import static org.kept.support.Api.body;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.kept.identity.CurrentUser;
import org.kept.routing.PresenceState;
import org.kept.routing.internal.PresenceDesk;
import org.kept.routing.internal.Router;
import org.kept.routing.internal.RoutingQueue;
import org.kept.routing.internal.RuleDesk;
import org.kept.routing.internal.WorkDesk;
import org.kept.support.Fixtures;
import org.kept.ticket.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Chats in an agent's inbox for the inbox tests: new chats go to a queue of the test's own skill (so no other test's
 * agent takes them), a customer starts one and writes, routing offers it to the agent and they accept it.
 */
final class InboxChats {

    /** A started chat; {@code open()} names it as the inbox does. */
    record Chat(String token, long id, String phone) {
        String open() {
            return "CHAT:chat:" + id;
        }
    }

    private final Fixtures fixtures;
    private final JdbcClient jdbc;
    private final RuleDesk rules;
    private final PresenceDesk presence;
    private final Router router;
    private final WorkDesk work;
    private String skill;

    InboxChats(Fixtures fixtures, JdbcClient jdbc, RuleDesk rules, PresenceDesk presence, Router router, WorkDesk work) {
        this.fixtures = fixtures;
        this.jdbc = jdbc;
        this.rules = rules;
        this.presence = presence;
        this.router = router;
        this.work = work;
    }

    /** New chats go to a queue needing a skill of this test's own. */
    InboxChats ownQueue(String prefix) {
        skill = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        RoutingQueue queue = rules.save(new RoutingQueue(0, "q-" + skill, "在线 " + skill, Channel.CHAT, 0,
                RoutingQueue.Strategy.LONGEST_IDLE, null, null, null, RoutingQueue.ClosedAction.ANSWER, null, null, 120, 0,
                List.of(new RoutingQueue.Skill(skill, 1))));
        jdbc.sql("update chat_setting set routing_queue = ? where id = 1").param(queue.code()).update();
        return this;
    }

    /** New chats go to the default queue again. */
    void defaultQueue() {
        jdbc.sql("update chat_setting set routing_queue = 'chat' where id = 1").update();
    }

    static String phone() {
        return "139" + String.format("%08d", Math.floorMod(System.nanoTime(), 100_000_000L));
    }

    /** A customer starts a chat under {@code name} (what they typed) and writes. */
    Chat start(String name, String phone, String words) {
        String token = fixtures.api().post("/api/v1/chat/conversations", body("name", name, "phone", phone)).expect(201)
                .json().path("token").asString();
        say(token, words);
        long id = jdbc.sql("select id from chat_conversation where token = ?").param(token).query(Long.class).single();
        return new Chat(token, id, phone);
    }

    void say(String token, String words) {
        fixtures.api().post("/api/v1/chat/conversations/" + token + "/messages",
                body("clientId", "c-" + UUID.randomUUID(), "body", words)).expect(201);
    }

    /** Routing offers the chat to the agent (with the queue's skill, available) and they accept it. */
    Chat assign(Chat chat, CurrentUser agent) {
        rules.replaceSkills(agent.id(), Map.of(skill, 1));
        presence.choose(agent.id(), PresenceState.AVAILABLE, null, agent.id());
        router.runOnce();
        long item = jdbc.sql("select id from routing_item where channel = 'CHAT' and reference = ?").param("chat:" + chat.id())
                .query(Long.class).single();
        work.accept(item, agent.id());
        return chat;
    }
}
