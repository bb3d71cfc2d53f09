package org.kept.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Browser;
import org.kept.support.BrowserLanguage;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The handover sheet in headless Chromium (zh-CN at 1440 px, en at 1024 px): rows default to the incoming colleague,
 * several rows change owner at once, ticket numbers are links and states are words, and signing goes through a
 * preview with counts and a confirmation.
 */
@KeptTest
class HandoverBrowserTest {

    @Autowired
    Fixtures fixtures;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void theSheetDefaultsToTheIncomingColleagueAndSigningGoesThroughAPreview() {
        String code = "hb-" + Long.toString(System.nanoTime(), 36);
        Api admin = fixtures.api(fixtures.user("ADMIN", null));
        long team = admin.post("/api/v1/admin/teams", body("code", code, "name", "交接浏览组")).expect(201).id();
        CurrentUser outgoing = fixtures.user("AGENT", code);
        CurrentUser incoming = fixtures.user("AGENT", code);
        Api out = fixtures.api(outgoing);
        long customer = fixtures.customer("交接浏览客户").id();
        long p1 = ticket(out, customer, team, outgoing, "P1 投诉：燃气泄漏未上门", "P1");
        long waiting = ticket(out, customer, team, outgoing, "等待仓库核实的退货", "P3");
        int version = out.get("/api/v1/tickets/" + waiting).expect(200).json().get("version").asInt();
        out.post("/api/v1/tickets/" + waiting + "/transitions", body("to", "PENDING_INTERNAL", "version", version)).expect(200);
        out.post("/api/v1/tickets/" + p1 + "/commitments", body("promise", "今晚回电",
                "due", OffsetDateTime.now(ZoneOffset.UTC).plusHours(3).toString())).expect(201);
        String p1Number = out.get("/api/v1/tickets/" + p1).expect(200).json().get("number").asString();

        Browser browser = session.get();
        browser.signIn(outgoing.username()).open("/console/handovers");
        new Select(browser.find("select[name=incomingId]")).selectByValue(String.valueOf(incoming.id()));
        browser.find("select[name=incomingId]").submit();
        browser.waitUntil(ExpectedConditions.urlMatches("/console/handovers/\\d+$"));
        String sheet = browser.driver().getCurrentUrl();

        List<WebElement> rows = browser.driver().findElements(By.cssSelector("tr.ticket-row"));
        assertThat(rows).hasSize(2);
        for (WebElement row : rows) {
            assertThat(new Select(row.findElement(By.name("newOwnerId"))).getFirstSelectedOption().getAttribute("value"))
                    .as("default owner").isEqualTo(String.valueOf(incoming.id()));
        }
        String table = browser.text("table.handover-items");
        assertThat(table).contains("待内部处理", "投诉").doesNotContain("PENDING_INTERNAL").doesNotContain("[");
        assertThat(browser.driver().findElement(By.linkText(p1Number)).getAttribute("href")).endsWith("/console/tickets/" + p1);

        // the P1 complaint goes to the team queue, chosen in bulk
        WebElement p1Row = browser.driver().findElement(By.xpath("//tr[contains(@class,'ticket-row')][.//a[text()='" + p1Number + "']]"));
        p1Row.findElement(By.name("itemId")).click();
        new Select(browser.find("#bulk-owner")).selectByValue("");
        browser.click("#bulk-form button[type=submit]");
        browser.waitUntil(ExpectedConditions.stalenessOf(p1Row));
        p1Row = browser.driver().findElement(By.xpath("//tr[contains(@class,'ticket-row')][.//a[text()='" + p1Number + "']]"));
        assertThat(new Select(p1Row.findElement(By.name("newOwnerId"))).getFirstSelectedOption().getAttribute("value")).isEmpty();

        browser.click("#preview-sign");
        browser.waitUntil(ExpectedConditions.urlMatches("/preview$"));
        assertThat(browser.text("#preview-tickets")).isEqualTo("2");
        assertThat(browser.text("#preview-p1")).isEqualTo("1");
        assertThat(browser.text("#preview-promises")).isEqualTo("1");
        assertThat(browser.text("tr.to-person")).contains("测试 " + incoming.username()).endsWith("1");
        assertThat(browser.text("tr.to-team")).contains("交接浏览组").endsWith("1");
        assertThat(browser.text("main .alert.error")).contains("1 件 P1 投诉");
        // not signed until confirmed: the box is required
        browser.click("form button.primary");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/preview");
        browser.click("#confirmed");
        browser.click("form button.primary");
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main .badge"), "已交班"));
        assertThat(out.get("/api/v1/tickets/" + waiting).expect(200).json().get("assignee").get("id").asLong())
                .isEqualTo(incoming.id());

        // the incoming colleague reads it in English on a 1024 px screen
        browser = session.restart();
        browser.driver().manage().window().setSize(new Dimension(1024, 768));
        browser.signIn(incoming.username());
        BrowserLanguage.english(browser);
        browser.open(sheet.substring(sheet.indexOf("/console/")));
        String english = browser.text("table.handover-items");
        assertThat(english).contains("Waiting internally", "Complaint", "Moved to the team with its ticket")
                .doesNotContain("PENDING_INTERNAL");
        WebElement link = browser.driver().findElement(By.linkText(p1Number));
        Number right = (Number) browser.js("return arguments[0].getBoundingClientRect().right;", link);
        assertThat(right.doubleValue()).as("the ticket link inside the window").isLessThanOrEqualTo(1024);
    }

    private static long ticket(Api api, long customer, long team, CurrentUser holder, String subject, String priority) {
        return api.post("/api/v1/tickets", body("type", "COMPLAINT", "subject", subject, "customerId", customer,
                "teamId", team, "assigneeId", holder.id(), "priority", priority)).expect(201).id();
    }
}
