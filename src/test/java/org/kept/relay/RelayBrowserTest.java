package org.kept.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.identity.CurrentUser;
import org.kept.relay.internal.RelayDesk;
import org.kept.support.Api;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The ticket page's relay panel in headless Chromium, from the keyboard: an outsourced agent names the driver by
 * the platform account, presses "call the driver", and sees the privacy number masked, while the timeline stays
 * where it was (the panel's forms aim at the panel, not at the page's timeline) and the driver's number never
 * reaches the page.
 */
@KeptTest
class RelayBrowserTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    RelayDesk relay;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void anOutsourcedAgentCallsTheDriverThroughAPrivacyNumberFromTheKeyboard() {
        CurrentUser agent = fixtures.user("OUTSOURCED");
        Api api = fixtures.api(agent);
        long ticket = fixtures.ticket(api, fixtures.customer("落下手机的乘客").id(), "手机落在车上，联系不上司机").id();
        String account = "D-BR-" + Long.toString(System.nanoTime(), 36);

        Browser browser = session.get();
        browser.signIn(agent.username()).open("/console/tickets/" + ticket);
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("relay-account")));
        browser.find("#relay-name").sendKeys("王师傅");
        browser.find("#relay-account").sendKeys(account, Keys.ENTER);
        browser.waitForText("#relay-panel", account);
        browser.waitUntil(ExpectedConditions.elementToBeClickable(By.cssSelector(".relay-call"))).sendKeys(Keys.ENTER);
        String panel = browser.waitForText(".relay-bindings", "170****");
        assertThat(panel).contains("王师傅");
        assertThat(browser.text("#relay-panel")).contains("隐私号已绑定");
        assertThat(browser.driver().findElements(By.id("timeline"))).hasSize(1);
        String driverPhone = relay.bindings(ticket).get(0).phoneB();
        assertThat(browser.driver().getPageSource()).doesNotContain(driverPhone).doesNotContain(driverPhone.substring(3));
        assertThat(browser.consoleErrors()).isEmpty();
    }
}
