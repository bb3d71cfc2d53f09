package org.kept.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.identity.CurrentUser;
import org.kept.routing.internal.PresenceAdmin;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In headless Chromium: an administrator reaches the reason codes from the routing rules page, is told every wrong
 * field of a form beside it, adds a reason with its Chinese and English names, and deactivates it; the page says which
 * codes are in the presence history and offers no delete for those.
 */
@KeptTest
class RoutingReasonsBrowserTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    PresenceAdmin admin;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void anAdministratorAddsAndDeactivatesAReasonCodeOnItsPage() {
        CurrentUser root = fixtures.user("ADMIN", null);
        String code = "web-" + UUID.randomUUID().toString().substring(0, 6);
        Browser browser = session.get();
        browser.signIn(root.username()).open("/admin/routing");
        browser.click("a[href='/admin/routing/reasons']");
        browser.waitForText("h1", "未就绪原因");
        assertThat(browser.text("#reason-meal")).contains("用餐", "Meal");

        // a form with two wrong fields: both are named, each beside its input, and what was typed stays
        browser.js("document.getElementById('reason-form').noValidate = true");
        browser.find("#r-code").sendKeys(code);
        browser.find("#r-en").sendKeys("Quality review");
        browser.find("#r-position").clear();
        browser.find("#r-position").sendKeys("1000");
        browser.click("#save-reason");
        browser.waitForText("#r-zh-error", "中文名称");
        assertThat(browser.text("#r-position-error")).contains("0 到 999");
        assertThat(browser.text(".alert.error")).contains("中文名称", "0 到 999");
        assertThat(browser.find("#r-en").getDomProperty("value")).isEqualTo("Quality review");

        browser.find("#r-zh").sendKeys("质检复盘");
        browser.find("#r-position").clear();
        browser.find("#r-position").sendKeys("970");
        browser.click("#save-reason");
        browser.waitForText(".alert.ok", code);
        assertThat(browser.text("#reason-" + code)).contains("质检复盘", "Quality review", "970", "提供给坐席");

        browser.click("#reason-" + code + " button.deactivate");
        browser.waitForText("#reason-" + code + " .status", "已停用");
        assertThat(admin.reason(code).active()).isFalse();
        // recovery is never deactivated, and a code in the history has no delete button (nobody used this one yet)
        assertThat(browser.driver().findElements(By.cssSelector("#reason-recovery button"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("#reason-" + code + " button.delete"))).hasSize(1);
        admin.deleteReason(code, root);
    }
}
