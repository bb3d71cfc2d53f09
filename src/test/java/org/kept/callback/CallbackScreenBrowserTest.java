package org.kept.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.customer.Customer;
import org.kept.identity.CurrentUser;
import org.kept.shared.Masking;
import org.kept.support.Api;
import org.kept.support.Browser;
import org.kept.support.BrowserLanguage;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The callback screen in headless Chromium (zh-CN and en): the list with counts opened from the keyboard, the centre's
 * callback script filled with the customer, ticket and agent, the whole case (timeline, promises, contacts), the
 * number masked for an outsourced agent, click-to-call, and an outcome that plans the next attempt.
 */
@KeptTest
class CallbackScreenBrowserTest {

    @Autowired
    Fixtures fixtures;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void anOutsourcedAgentCallsBackWithTheScriptAndTheWholeCaseAndTheNumberMasked() {
        CurrentUser agent = fixtures.user("AGENT");
        CurrentUser outsourced = fixtures.user("OUTSOURCED");
        Api api = fixtures.api(agent);
        Customer customer = fixtures.customer("回电页客户");
        long ticket = fixtures.ticket(api, customer.id(), "宽带断线三天").id();
        String number = api.get("/api/v1/tickets/" + ticket).expect(200).json().get("number").asString();
        api.post("/api/v1/tickets/" + ticket + "/notes", body("body", "已派工程师上门检修")).expect(200);
        api.post("/api/v1/tickets/" + ticket + "/commitments", body("promise", "明天中午前回电告知检修结果",
                "due", java.time.OffsetDateTime.now().plusDays(1).toString())).expect(201);
        long id = api.post("/api/v1/callbacks", body("ticketId", ticket, "reason", "COMMITMENT")).expect(201).json()
                .path("task").path("id").asLong();
        // the outsourced colleague takes it: dialling holds the task
        fixtures.api(outsourced).post("/api/v1/callbacks/" + id + "/dial", body()).expect(200);

        Browser browser = session.get();
        browser.signIn(outsourced.username()).open("/console/callbacks");
        assertThat(browser.text("#tab-MINE .count")).isEqualTo("1");
        assertThat(browser.text("tr.callback-row .number")).isEqualTo(Masking.phone(customer.primaryPhone()));
        new Actions(browser.driver()).sendKeys("j").sendKeys(Keys.ENTER).perform();
        browser.waitForText("h1", "回电");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console/callbacks/" + id);

        // the script for a promised callback, filled in; the whole case; nothing unmasked
        String script = browser.text("#script");
        assertThat(script).contains("回电开场", "回电页客户", number, outsourced.agentNo(), "身份核实");
        assertThat(browser.text("#case")).contains(number, "宽带断线三天", "已派工程师上门检修", "明天中午前回电告知检修结果");
        assertThat(browser.text("#task .number")).isEqualTo(Masking.phone(customer.primaryPhone()));
        assertThat(browser.driver().getPageSource()).doesNotContain(customer.primaryPhone().substring(3));
        assertThat(browser.text("#act .dialled")).isEqualTo("已请求交换机外呼本次回电。");

        // no answer: recorded, the next attempt planned, on the ticket's timeline
        browser.click("#outcome-NO_ANSWER");
        browser.find("#outcome-note").sendKeys("响铃无人接");
        browser.click("#record");
        browser.waitForText(".alert.ok", "已安排下一次回电");
        assertThat(browser.driver().findElements(By.cssSelector("#attempts tr.attempt"))).hasSize(2);
        assertThat(browser.text("#attempts")).contains("无人接听", "响铃无人接", "待拨打");
        assertThat(browser.text("#act h2")).isEqualTo("第 2 次回电");
        assertThat(browser.text("#timeline")).contains("CALLBACK_ATTEMPT");

        BrowserLanguage.english(browser);
        browser.open("/console/callbacks/" + id);
        assertThat(browser.text("h1")).isEqualTo("Callback · Promised callback");
        assertThat(browser.text("#act h2")).isEqualTo("Attempt 2");
        // reached: the task is done and leaves the list
        browser.click("#outcome-REACHED");
        browser.click("#record");
        browser.waitForText(".alert.ok", "the callback is done");
        assertThat(browser.text("#task .state")).isEqualTo("Done");
        browser.open("/console/callbacks");
        assertThat(browser.text("#tab-MINE .count")).isEqualTo("0");
    }

    @Test
    void theMajorComplaintsGroupSeesTheNumberAndCanDialFromTheScreen() {
        CurrentUser complaints = fixtures.user("COMPLAINTS");
        Api api = fixtures.api(complaints);
        Customer customer = fixtures.customer("回电页客户二");
        long ticket = fixtures.ticket(api, customer.id(), "投诉未处理").id();
        long id = api.post("/api/v1/callbacks", body("ticketId", ticket)).expect(201).json().path("task").path("id").asLong();

        Browser browser = session.get();
        browser.signIn(complaints.username()).open("/console/callbacks?view=TEAM");
        assertThat(browser.text("table.callbacks")).contains(customer.primaryPhone());
        browser.open("/console/callbacks/" + id);
        browser.click("#dial");
        browser.waitForText(".alert.ok", "交换机将外呼客户");
        assertThat(browser.text("#act .dialled")).isNotBlank();
        assertThat(browser.text("#case .contacts")).contains("PHONE OUTBOUND", customer.primaryPhone());
    }
}
