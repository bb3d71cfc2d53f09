package org.kept.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.identity.CurrentUser;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In headless Chromium: the agent's state control in the console header, worked from the keyboard (not ready with a
 * reason, then available), an offer that appears in the header and is accepted there, and the lead's live queue view.
 */
@KeptTest
class RoutingBrowserTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    RuleDesk rules;

    @Autowired
    PresenceDesk presence;

    @Autowired
    Routing routing;

    @Autowired
    Router router;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void anAgentSetsTheirStateFromTheKeyboardAndTakesAnOfferWhileTheLeadWatchesTheQueue() {
        String skill = "b" + UUID.randomUUID().toString().substring(0, 7);
        CurrentUser agent = fixtures.user("AGENT");
        rules.replaceSkills(agent.id(), Map.of(skill, 2));
        RoutingQueue q = rules.save(new RoutingQueue(0, "web-" + skill, "网页队列 " + skill, Channel.CHAT, 0,
                RoutingQueue.Strategy.LONGEST_IDLE, null, null, null, RoutingQueue.ClosedAction.ANSWER, null, null, 60, 0,
                List.of(new RoutingQueue.Skill(skill, 1))));

        Browser browser = session.get();
        browser.signIn(agent.username()).open("/console");
        browser.waitForText("#presence-state", "离线");
        // keyboard: focus the choice, pick "not ready · meal", press the button with Enter
        browser.find("#presence-choice").sendKeys(Keys.HOME, Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        assertThat(browser.find("#presence-choice").getDomProperty("value")).isEqualTo("NOT_READY:meal");
        browser.find("#presence-set").sendKeys(Keys.ENTER);
        browser.waitForText("#presence-state", "用餐");
        assertThat(browser.text("#presence-state")).isEqualTo("未就绪 · 用餐");
        assertThat(presence.get(agent.id()).reason()).isEqualTo("meal");
        browser.find("#presence-choice").sendKeys(Keys.HOME);
        browser.find("#presence-set").sendKeys(Keys.ENTER);
        browser.waitForText("#presence-state", "空闲");
        assertThat(presence.get(agent.id()).state()).isEqualTo(PresenceState.AVAILABLE);

        // an offer: pushed, shown in the header, accepted there
        Routing.Submission s = routing.submit(new Routing.WorkRequest(Channel.CHAT, q.code(), "web-chat-" + skill, 0, null));
        router.runOnce();
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#work-" + s.itemId() + " .accept")));
        assertThat(browser.text("#work-" + s.itemId())).contains("在线客服", "网页队列");
        browser.click("#work-" + s.itemId() + " .accept");
        browser.waitForText("#presence-state", "服务中");
        assertThat(browser.driver().findElements(By.cssSelector("#work-" + s.itemId() + " .finish"))).hasSize(1);

        // the lead's live view: the queue, the agent on a contact; a second chat waiting shows up by polling
        CurrentUser lead = fixtures.user("LEAD");
        Browser leadBrowser = session.restart();
        leadBrowser.signIn(lead.username()).open("/console/routing/queues");
        assertThat(leadBrowser.text("h1")).isEqualTo("实时队列");
        assertThat(leadBrowser.text("#queue-web-" + skill)).contains("网页队列", "在线客服");
        assertThat(leadBrowser.text("#queue-web-" + skill + " .waiting")).isEqualTo("0");
        assertThat(leadBrowser.text("#state-ON_CONTACT")).startsWith("服务中");
        presence.choose(agent.id(), PresenceState.NOT_READY, "break", agent.id());
        routing.submit(new Routing.WorkRequest(Channel.CHAT, q.code(), "web-chat-2-" + skill, 0, null));
        leadBrowser.waitForText("#queue-web-" + skill + " .waiting", "1");
        assertThat(leadBrowser.scriptErrors()).isEmpty();
    }
}
