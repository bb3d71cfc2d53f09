package org.kept.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.identity.CurrentUser;
import org.kept.inbox.internal.InboxDesk;
import org.kept.routing.internal.PresenceDesk;
import org.kept.routing.internal.Router;
import org.kept.routing.internal.RuleDesk;
import org.kept.routing.internal.WorkDesk;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.ticket.Channel;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The inbox is push-driven, in headless Chromium (zh-CN): with the agent's inbox open and nothing polling, a
 * customer's new message appears in the list and its unread count goes up, a newly assigned conversation appears, the
 * open conversation shows the customer's next message, and a conversation read elsewhere (another page, another
 * instance) loses its unread mark, all without a reload. The page's only poll is the fallback while the stream is down
 * (a minute), far beyond the ten seconds the browser waits here.
 */
@KeptTest
class InboxPushBrowserTest {

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

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    InboxChats chats;

    @AfterEach
    void chatsGoToTheDefaultQueueAgain() {
        chats.defaultQueue();
    }

    static String unread(Browser browser, InboxChats.Chat chat) {
        List<org.openqa.selenium.WebElement> marks = browser.driver()
                .findElements(By.cssSelector("#inbox-list li[data-open='" + chat.open() + "'] .unread"));
        return marks.isEmpty() ? "" : marks.get(0).getText();
    }

    @Test
    void aNewMessageAppearsInTheInboxWithoutAReload() {
        chats = new InboxChats(fixtures, jdbc, rules, presence, router, work).ownQueue("push");
        CurrentUser agent = fixtures.user("AGENT");
        InboxChats.Chat first = chats.assign(chats.start("推送客户", InboxChats.phone(), "我的快递到哪了"), agent);

        Browser browser = session.in("zh-CN");
        browser.signIn(agent.username()).open("/console/inbox");
        browser.waitUntil(d -> "true".equals(d.findElement(By.id("inbox-stream")).getAttribute("data-connected")));
        assertThat(browser.text("#inbox-stream")).contains("实时");
        assertThat(browser.js("return document.querySelectorAll('#inbox [hx-trigger*=every]').length"))
                .as("nothing in the inbox polls").isEqualTo(0L);
        browser.markWindow();
        assertThat(unread(browser, first)).isEqualTo("1");
        assertThat(browser.attribute("#inbox-total", "data-unread")).isEqualTo("1");

        // the customer writes again: the count goes up at once
        chats.say(first.token(), "还在吗？");
        browser.waitUntil(d -> "2".equals(unread(browser, first)));
        browser.waitForText("#inbox-total", "共 2 条未读");

        // a conversation assigned to the agent appears with its message unread
        InboxChats.Chat second = chats.assign(chats.start("第二位客户", InboxChats.phone(), "发票怎么开"), agent);
        browser.waitUntil(d -> "1".equals(unread(browser, second)));
        browser.waitForText("#inbox-total", "共 3 条未读");

        // the open conversation shows the customer's next message, read as it arrives
        browser.click("#inbox-list li[data-open='" + first.open() + "'] a");
        browser.waitForText("#inbox-thread-title", "推送客户");
        browser.waitUntil(d -> unread(browser, first).isEmpty());
        chats.say(first.token(), "订单号是 A-778");
        browser.waitForText("#inbox-messages", "订单号是 A-778");
        browser.waitForText("#inbox-total", "共 1 条未读");

        // read elsewhere (the agent's other page): the mark goes here too
        inbox.open(Channel.CHAT, "chat:" + second.id(), agent);
        browser.waitUntil(d -> unread(browser, second).isEmpty());
        browser.waitForText("#inbox-total", "共 0 条未读");

        assertThat(browser.notReloaded()).as("all of it without a page load").isTrue();
        assertThat(browser.scriptErrors()).isEmpty();
    }
}
