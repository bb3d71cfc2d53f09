package org.kept.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.identity.CurrentUser;
import org.kept.routing.PresenceState;
import org.kept.routing.internal.PresenceDesk;
import org.kept.routing.internal.Router;
import org.kept.routing.internal.RoutingQueue;
import org.kept.routing.internal.RuleDesk;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.ticket.Channel;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 12's browser test: routing offers an agent two chats, they accept both from the console's presence control
 * (each opens in the inbox), answer one with the keyboard, and mark the other, abusive one from its conversation
 * through the protection console; the flag is on that chat's contact and the recovery break follows.
 */
@KeptTest
class TwoChatsBrowserTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Router router;
    @Autowired
    RuleDesk rules;
    @Autowired
    PresenceDesk presence;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @AfterEach
    void chatsGoToTheDefaultQueueAgain() {
        jdbc.sql("update chat_setting set routing_queue = 'chat' where id = 1").update();
    }

    record Chat(String token, long id, long item) {
    }

    Chat chat(String name, String words) {
        String phone = "139" + String.format("%08d", Math.floorMod(System.nanoTime(), 100_000_000L));
        String token = fixtures.api().post("/api/v1/chat/conversations", body("name", name, "phone", phone)).expect(201)
                .json().path("token").asString();
        fixtures.api().post("/api/v1/chat/conversations/" + token + "/messages",
                body("clientId", "c-" + UUID.randomUUID(), "body", words)).expect(201);
        long id = jdbc.sql("select id from chat_conversation where token = ?").param(token).query(Long.class).single();
        long item = jdbc.sql("select id from routing_item where channel = 'CHAT' and reference = ?").param("chat:" + id)
                .query(Long.class).single();
        return new Chat(token, id, item);
    }

    static void click(Browser browser, String css) {
        browser.waitUntil(org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    @Test
    void anAgentTakesTwoChatsAndMarksTheAbusiveOne() {
        String skill = "chat-b-" + UUID.randomUUID().toString().substring(0, 8);
        RoutingQueue queue = rules.save(new RoutingQueue(0, "q-" + skill, "在线 " + skill, Channel.CHAT, 0,
                RoutingQueue.Strategy.LONGEST_IDLE, null, null, null, RoutingQueue.ClosedAction.ANSWER, null, null, 120, 0,
                List.of(new RoutingQueue.Skill(skill, 1))));
        jdbc.sql("update chat_setting set routing_queue = ? where id = 1").param(queue.code()).update();
        CurrentUser agent = fixtures.user("AGENT");
        rules.replaceSkills(agent.id(), Map.of(skill, 1));
        presence.choose(agent.id(), PresenceState.AVAILABLE, null, agent.id());
        Chat polite = chat("礼貌客户", "请问我的快递到哪了");
        Chat abusive = chat("辱骂客户", "你们都是骗子，滚");
        assertThat(router.runOnce().offered()).isGreaterThanOrEqualTo(2);

        Browser browser = session.get();
        browser.signIn(agent.username()).open("/console/inbox");
        click(browser, "#work-" + polite.item() + " button.accept");
        browser.waitForText("#inbox-thread-title", "礼貌客户");
        click(browser, "#work-" + abusive.item() + " button.accept");
        browser.waitForText("#inbox-thread-title", "辱骂客户");
        browser.waitUntil(d -> d.findElements(By.cssSelector("#inbox-list > li")).size() == 2);

        // the keyboard: Alt+n opens the nth conversation, r goes to the answer, Enter sends it in a chat
        int politeAt = browser.driver().findElements(By.cssSelector("#inbox-list > li")).stream()
                .map(li -> li.getAttribute("data-open")).toList().indexOf("CHAT:chat:" + polite.id());
        browser.find("body").sendKeys(Keys.chord(Keys.ALT, Integer.toString(politeAt + 1)));
        browser.waitForText("#inbox-thread-title", "礼貌客户");
        browser.find("body").sendKeys("r");
        browser.driver().switchTo().activeElement().sendKeys("正在为您查询", Keys.ENTER);
        browser.waitForText("#inbox-messages", "正在为您查询");
        assertThat(fixtures.api().get("/api/v1/chat/conversations/" + polite.token() + "/messages?after=0").json()
                .findValuesAsString("body")).contains("正在为您查询");

        // the abusive one: marked from its conversation on the protection console
        browser.click("#inbox-list li[data-open='CHAT:chat:" + abusive.id() + "'] a");
        browser.waitForText("#inbox-thread-title", "辱骂客户");
        click(browser, "#inbox-mark");
        click(browser, "#level-ABUSE");
        browser.find("#flag-note").sendKeys("在线会话中辱骂");
        browser.click("#flag-submit");
        browser.waitForText(".alert.ok", "已标记该联系");
        long abusiveContact = jdbc.sql("select contact_id from chat_message where conversation_id = ? and sender = 'CUSTOMER'")
                .param(abusive.id()).query(Long.class).single();
        assertThat(jdbc.sql("select level_code from contact_flag where contact_id = ?").param(abusiveContact)
                .query(String.class).list()).containsExactly("ABUSE");
        assertThat(browser.text("#recovery")).contains("请休整至");
        assertThat(browser.scriptErrors()).isEmpty();
    }
}
