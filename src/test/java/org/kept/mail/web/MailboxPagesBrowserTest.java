package org.kept.mail.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.identity.CurrentUser;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/** The mailbox page in headless Chromium: an administrator adds a mailbox; a wrong address is refused in words. */
@KeptTest
class MailboxPagesBrowserTest {

    @Autowired
    Fixtures fixtures;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void anAdministratorAddsAMailboxWithItsTeamAndAWrongAddressIsRefused() {
        CurrentUser admin = fixtures.user("ADMIN", null);
        String address = "billing-" + UUID.randomUUID().toString().substring(0, 8) + "@kept.test";
        Browser browser = session.get();
        browser.signIn(admin.username()).open("/admin/mailboxes");
        assertThat(browser.text("h1")).isEqualTo("邮箱");
        browser.find("#address").sendKeys(address);
        browser.find("#category").sendKeys("billing");
        new Select(browser.find("#teamId")).selectByVisibleText(
                browser.driver().findElement(By.xpath("//select[@id='teamId']/option[2]")).getText());
        browser.click("form.stack button[type=submit]");
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("mailboxes"), address));
        assertThat(browser.text("#mailboxes")).contains("billing", "入站 SMTP 监听");

        browser.open("/admin/mailboxes");
        browser.js("document.getElementById('address').type = 'text'");
        browser.find("#address").sendKeys("not-an-address");
        browser.click("form.stack button[type=submit]");
        assertThat(browser.waitForText(".alert.error", "不是有效的邮箱地址")).contains("not-an-address");
        assertThat(browser.scriptErrors()).isEmpty();
    }
}
