package org.kept.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.customer.CustomerTier;
import org.kept.identity.CurrentUser;
import org.kept.shared.LocalText;
import org.kept.support.Api;
import org.kept.support.Browser;
import org.kept.support.KeptTest;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Answers that are right, in headless Chromium in zh-CN and en: "use in reply" inserts the article's whole answer and
 * never an internal one, a reply repeating internal guidance is stopped beside the reply box, notifications read in
 * the centre's time and one language and can all be marked read, timeline entries read in one language.
 */
@KeptTest
@Import(SlaWorld.class)
class AnswersBrowserTest {

    static final String REFUND = "退款审核通过后原路退回到您的支付账户。\n- 微信、支付宝：1-3 个工作日到账\n"
            + "- 银行卡：3-7 个工作日到账，以银行入账为准\n超过 7 个工作日仍未到账，请提供订单号联系客服核查。";

    @Autowired
    SlaWorld world;

    @Autowired
    NotificationStore notifications;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void thePastedAnswerIsWholeNeverInternalAndAnInternalSentenceIsStopped() {
        String word = "退款" + UUID.randomUUID().toString().substring(0, 6);
        Api lead = world.fixtures.api(world.fixtures.user("LEAD"));
        lead.post("/api/v1/knowledge/articles", body("title", "退款多久到账" + word, "body", REFUND, "tags", List.of(word),
                "audience", "PUBLIC")).expect(201);
        lead.post("/api/v1/knowledge/articles", body("title", "退款审批口径" + word, "body",
                "5 元以内坐席可直接退" + word + "，5 元以上由组长审批。", "tags", List.of(word), "audience", "INTERNAL")).expect(201);
        SlaWorld.Desk desk = world.desk(600, null, 6000);
        long id = world.ticket(desk.agent(), world.customer(CustomerTier.STANDARD), desk.team(), "退款多久到账，审批口径 " + word)
                .get("id").asLong();

        Browser browser = session.get().signIn(desk.agentUser().username());
        useAndWarn(browser, id, word, "用于回复", "内部资料");
        browser = session.restartIn("en").signIn(desk.agentUser().username());
        useAndWarn(browser, id, word, "Use in reply", "internal article");
    }

    private void useAndWarn(Browser browser, long ticket, String word, String useLabel, String warning) {
        browser.open("/console/tickets/" + ticket);
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#ticket-knowledge .kb-hit")));
        WebElement open = hit(browser, "退款多久到账" + word);
        WebElement internal = hit(browser, "退款审批口径" + word);
        // internal guidance is there to read beside the reply, with no button to put it in
        assertThat(internal.findElements(By.cssSelector(".kb-use"))).isEmpty();
        assertThat(internal.findElement(By.cssSelector(".kb-guidance")).getText()).contains("5 元以内坐席可直接退" + word);

        WebElement use = open.findElement(By.cssSelector(".kb-use"));
        assertThat(use.getText()).isEqualTo(useLabel);
        use.click();
        String pasted = browser.find("#reply").getDomProperty("value");
        assertThat(pasted).isEqualTo("""
                退款审核通过后原路退回到您的支付账户。
                - 微信、支付宝：1-3 个工作日到账
                - 银行卡：3-7 个工作日到账，以银行入账为准
                超过 7 个工作日仍未到账，请提供订单号联系客服核查。""");

        // a sentence of the internal article typed into the reply: stopped beside the reply box, the text kept
        browser.find("#reply").sendKeys("\n另外，5元以内坐席可直接退" + word + "。");
        browser.click("#reply-form button[type=submit]");
        assertThat(browser.waitForText("#ticket-alert .alert.error", warning)).contains("退款审批口径" + word);
        assertThat(browser.find("#reply").getDomProperty("value")).contains("超过 7 个工作日").contains("坐席可直接退");
        assertThat(browser.text("#timeline")).doesNotContain("坐席可直接退");
        browser.takeScriptErrors();
    }

    private static WebElement hit(Browser browser, String title) {
        return browser.driver().findElements(By.cssSelector("#ticket-knowledge .kb-hit")).stream()
                .filter(h -> h.findElement(By.cssSelector(".kb-title")).getText().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no suggestion " + title + " in " + browser.text("#ticket-knowledge")));
    }

    @Test
    void notificationsReadInTheCentresTimeAndOneLanguageAndAllCanBeMarkedRead() {
        CurrentUser agent = world.user("AGENT", world.team());
        // 15:08 UTC is 23:08 in the centre (Asia/Shanghai)
        var sent = LocalDate.now(ZoneOffset.UTC).atTime(LocalTime.of(15, 8)).toInstant(ZoneOffset.UTC);
        try (var at = world.clock.stoppedAt(sent)) {
            notifications.send(List.of(agent.id()), "EXPEDITE", null,
                    LocalText.of("sla.note.expedite", "20261202-0042", sent.plusSeconds(3600), "客户急需用款"));
            notifications.send(List.of(agent.id()), "ESCALATION", null, LocalText.of("sla.note.attention", "20261202-0043",
                    LocalText.of("sla.reason.breach", LocalText.of("sla.clock.RESOLUTION"), sent)));
        }
        Browser browser = session.get().signIn(agent.username()).open("/console/notifications");
        String zh = browser.text(".notifications");
        assertThat(zh).contains("23:08").doesNotContain("15:08").contains("加急 20261202-0042").contains("超时：解决")
                .doesNotContain("Expedite").doesNotContain("Breach");
        assertThat(browser.driver().findElements(By.cssSelector(".bell-icon"))).hasSize(1);
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".bell .count")));

        browser = session.restartIn("en").signIn(agent.username()).open("/console/notifications");
        String en = browser.text(".notifications");
        assertThat(en).contains("23:08").contains("Expedite 20261202-0042").contains("Breach: Resolution")
                .doesNotContain("加急").doesNotContain("超时");
        browser.click("#read-all");
        browser.waitForText(".alert.ok", "2 notifications marked read");
        assertThat(browser.driver().findElements(By.cssSelector(".notifications li.unread"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector(".bell .count"))).isEmpty();
    }

    @Test
    void timelineEntriesReadInTheReadersLanguageOnly() {
        SlaWorld.Desk desk = world.desk(600, 240, 6000);
        long id = world.ticket(desk.agent(), world.customer(CustomerTier.STANDARD), desk.team(), "一直没人回复").get("id").asLong();
        desk.agent().post("/api/v1/tickets/" + id + "/expedite", body("reason", "客户等不及了")).expect(201);

        Browser browser = session.get().signIn(desk.agentUser().username()).open("/console/tickets/" + id);
        String zh = browser.text("#timeline");
        assertThat(zh).contains("原因：客户等不及了").contains("首次响应：").doesNotContain("First response").doesNotContain("Reason");
        browser = session.restartIn("en").signIn(desk.agentUser().username()).open("/console/tickets/" + id);
        String en = browser.text("#timeline");
        assertThat(en).contains("Reason: 客户等不及了").contains("First response: ").doesNotContain("首次响应").doesNotContain("原因");
        // the centre's message to the customer is in the customer's language, signed by the centre in the reader's
        assertThat(en).contains("Customer service centre").contains("您的加急请求已受理");
    }
}
