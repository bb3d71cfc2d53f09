package org.kept.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.contact.Contacts;
import org.kept.contact.Direction;
import org.kept.contact.internal.OutboxWorker;
import org.kept.customer.Customer;
import org.kept.identity.CurrentUser;
import org.kept.shared.Masking;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The admins' SMS page in headless Chromium (zh-CN): a reply typed "from" a customer's number arrives as their inbound
 * SMS, a test message appears in the outbox with the number masked, and the page raises no script or CSP errors.
 */
@KeptTest
class SmsPageBrowserTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    Contacts contacts;
    @Autowired
    OutboxWorker worker;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void anAdminRepliesAsACustomerAndSeesTheTestMessageInTheOutbox() {
        CurrentUser admin = fixtures.user("ADMIN", null);
        Customer customer = fixtures.customer("浏览器短信客户");
        String e164 = customer.phones().get(0);
        Browser browser = session.in("zh-CN");
        browser.signIn(admin.username()).open("/admin/sms");
        assertThat(browser.text("h1")).isEqualTo("短信");

        browser.find("#reply-from").sendKeys(e164.substring(3));
        browser.find("#reply-text").sendKeys("4 问题未解决");
        browser.click("#sms-reply button[type=submit]");
        browser.waitForText("p.alert.ok", "已按服务商推送的方式收到回复");
        assertThat(contacts.ofCustomer(customer.id(), 5)).singleElement().satisfies(c -> {
            assertThat(c.direction()).isEqualTo(Direction.INBOUND);
            assertThat(c.summary()).isEqualTo("4 问题未解决");
        });

        browser.find("#send-to").sendKeys(e164);
        browser.find("#send-text").sendKeys("浏览器测试");
        browser.click("#sms-send button[type=submit]");
        browser.waitForText("p.alert.ok", "测试短信已排队");
        worker.drain();
        browser.open("/admin/sms");
        String table = browser.text("#sms-messages");
        assertThat(table).contains("测试短信：浏览器测试", Masking.phone(e164), "SENT").doesNotContain(e164);
        assertThat(browser.consoleErrors()).isEmpty();
    }
}
