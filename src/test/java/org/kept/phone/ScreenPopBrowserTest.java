package org.kept.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.customer.Customer;
import org.kept.identity.CurrentUser;
import org.kept.phone.internal.IntegrationStore;
import org.kept.phone.internal.PbxAuth;
import org.kept.support.Api;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A call event posted through the CTI API pops the caller's card on the ringing agent's console, in the browser, and
 * on nobody else's; an administrator's test call does the same without a PBX.
 */
@KeptTest
class ScreenPopBrowserTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    IntegrationStore integrations;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void theCallPopsOnTheRingingAgentsPageAndNotOnAnothers() {
        CurrentUser ringing = fixtures.user("AGENT");
        CurrentUser other = fixtures.user("AGENT");
        Customer caller = fixtures.customer("弹屏浏览客户");
        fixtures.ticket(fixtures.api(ringing), caller.id(), "宽带断网三天");
        IntegrationStore.Integration pbx = integrations.create("browser-" + System.nanoTime(), Instant.now());

        Browser mine = session.get();
        mine.signIn(ringing.username()).open("/console");
        try (Browser theirs = Browser.start(fixtures.baseUrl())) {
            theirs.signIn(other.username()).open("/console");
            for (Browser b : new Browser[] {mine, theirs}) {
                b.waitUntil(d -> "true".equals(b.js("return document.getElementById('screen-pop').dataset.connected")));
            }

            String raw = Api.json(body("event", "newCall", "callId", "browser-" + System.nanoTime(), "from",
                    caller.primaryPhone(), "direction", "in", "queue", "broadband", "user", ringing.username()));
            fixtures.api().header("X-Kept-Integration", pbx.name())
                    .header("X-Kept-Signature", "sha256=" + PbxAuth.sign(pbx.secret(), raw.getBytes(StandardCharsets.UTF_8)))
                    .post("/api/v1/cti/events", raw).expect(200);

            String pop = mine.waitForText("#screen-pop", "弹屏浏览客户");
            assertThat(pop).contains("宽带断网三天").doesNotContain(caller.primaryPhone());
            assertThat(theirs.find("#screen-pop").isDisplayed()).isFalse();
            assertThat(theirs.text("#screen-pop")).doesNotContain("弹屏浏览客户");
            assertThat(mine.scriptErrors()).isEmpty();
        }
    }

    @Test
    void anAdministratorsTestCallRingsTheAgentAndAnUnknownNumberOffersTheNewTicketForm() {
        CurrentUser agent = fixtures.user("AGENT");
        CurrentUser admin = fixtures.user("ADMIN", null);
        Browser agentPage = session.get();
        agentPage.signIn(agent.username()).open("/console");
        agentPage.waitUntil(d -> "true".equals(agentPage.js("return document.getElementById('screen-pop').dataset.connected")));
        try (Browser adminPage = Browser.start(fixtures.baseUrl())) {
            adminPage.signIn(admin.username()).open("/admin/test-call");
            adminPage.find("input[name=from]").clear();
            adminPage.find("input[name=from]").sendKeys("139 1111 2222");
            adminPage.find("input[name=agent]").sendKeys(agent.username());
            adminPage.click("button[value=ring]");
            adminPage.waitForText(".alert", "RINGING");

            agentPage.waitForText("#screen-pop", "139****2222");
            assertThat(agentPage.find("#screen-pop a.pop-new-ticket").getAttribute("href")).contains("/console/tickets/new");

            adminPage.click("button[value=answer]");
            adminPage.waitForText(".alert", "ANSWERED");
            adminPage.click("button[value=hangup]");
            adminPage.waitForText(".alert", "ENDED");
        }
        assertThat(agentPage.driver().findElements(By.cssSelector("#screen-pop"))).hasSize(1);
    }
}
