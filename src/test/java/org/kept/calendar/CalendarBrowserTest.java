package org.kept.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.identity.CurrentUser;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/** An administrator edits a business calendar in headless Chromium (zh-CN) and the preview follows what is typed. */
@KeptTest
class CalendarBrowserTest {

    @Autowired
    Fixtures fixtures;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void theDeadlinePreviewFollowsTheFormAndTheEditIsSaved() {
        Browser browser = session.get();
        CurrentUser admin = fixtures.user("ADMIN", null);
        String name = "浏览器日历" + UUID.randomUUID().toString().substring(0, 6);
        browser.signIn(admin.username()).open("/admin/calendars/new");
        browser.find("#name").sendKeys(name);
        retype(browser.find("#timeZone"), "Asia/Shanghai");
        retype(browser.find("#hours-MONDAY"), "09:00-12:00, 13:00-18:00");
        browser.click("button.primary");
        browser.waitUntil(ExpectedConditions.urlMatches("/admin/calendars$"));

        browser.driver().findElement(By.linkText(name)).click();
        browser.waitUntil(ExpectedConditions.urlMatches("/admin/calendars/\\d+$"));
        browser.markWindow();
        String before = browser.text("#preview");

        retype(browser.find("#hours-MONDAY"), "12:00-09:00");
        assertThat(browser.waitForText("#preview", "时段的结束时间必须晚于开始时间")).contains("12:00");
        retype(browser.find("#hours-MONDAY"), "08:00-20:00");
        retype(browser.find("#timeZone"), "Europe/Berlin");
        String after = browser.waitForText("#preview", "按 Europe/Berlin 时间");
        assertThat(after).doesNotContain("时段的结束时间").isNotEqualTo(before);
        assertThat(browser.notReloaded()).as("the preview is swapped in, not a page load").isTrue();

        browser.click("button.primary");
        browser.waitUntil(ExpectedConditions.urlMatches("/admin/calendars$"));
        assertThat(browser.text("main")).contains(name).contains("Europe/Berlin");
    }

    private static void retype(WebElement field, String text) {
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text);
    }
}
