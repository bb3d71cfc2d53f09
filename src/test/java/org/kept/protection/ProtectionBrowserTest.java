package org.kept.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.contact.Contact;
import org.kept.contact.Contacts;
import org.kept.contact.Direction;
import org.kept.contact.NewContact;
import org.kept.customer.Customer;
import org.kept.identity.CurrentUser;
import org.kept.shared.Masking;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.ticket.Channel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The protection console in headless Chromium: an agent marks an abusive call (the levels shown with what each
 * allows), sees the recovery break, asks for a restriction on the caller's number; the same agent cannot approve it,
 * a lead does, and the number stays masked throughout; the lead's abuse report draws its chart.
 */
@KeptTest
class ProtectionBrowserTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    Contacts contacts;
    @Autowired
    JdbcClient jdbc;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void anAgentMarksAnAbusiveCallAndALeadApprovesTheRestriction() {
        CurrentUser agent = fixtures.user("AGENT");
        CurrentUser lead = fixtures.user("LEAD");
        Customer caller = fixtures.customer("浏览器辱骂来电");
        Contact call = contacts.record(new NewContact(Channel.PHONE, Direction.INBOUND, "prot-b-" + System.nanoTime(),
                caller.primaryPhone(), caller.id(), null, agent.id(), java.time.Instant.now(), "来电辱骂"), agent);

        Browser browser = session.get();
        browser.signIn(agent.username()).open("/console/protection?contact=" + call.id());
        assertThat(browser.text("table.levels")).contains("不满", "激烈", "辱骂", "威胁", "播放警告", "结束联系", "拒接");
        browser.click("#level-ABUSE");
        browser.find("#flag-note").sendKeys("持续辱骂二十分钟");
        browser.click("#flag-submit");
        browser.waitForText(".alert.ok", "已标记该联系");
        assertThat(browser.text("#recovery")).contains("请休整至");
        assertThat(browser.text("#flagged-today")).isEqualTo("1");
        String flagId = browser.text("#my-flags tbody tr .flag-id");
        browser.click("#my-flags button.warn");
        browser.waitForText(".alert.ok", "已记录警告");

        String reason = "浏览器测试理由-" + System.nanoTime();
        browser.find("#restriction-value").sendKeys(caller.primaryPhone());
        browser.js("document.getElementById('restriction-action').value = 'HARASSMENT_QUEUE';"
                + "document.getElementById('restriction-expires').value = arguments[0];", LocalDate.now().plusDays(20).toString());
        browser.find("#restriction-reason").sendKeys(reason);
        browser.find("#restriction-flags").sendKeys(flagId);
        browser.click("#restriction-submit");
        browser.waitForText(".alert.ok", "等待他人审批");
        long id = jdbc.sql("select id from caller_restriction where reason = ?").param(reason).query(Long.class).single();
        assertThat(browser.text("#restriction-" + id + " .state")).isEqualTo("待审批");
        assertThat(browser.text("#restriction-" + id)).contains(Masking.phone(caller.primaryPhone()));
        assertThat(browser.driver().getPageSource()).doesNotContain(caller.primaryPhone().substring(3));
        assertThat(browser.driver().findElements(org.openqa.selenium.By.cssSelector("#restriction-" + id + " button.approve")))
                .as("an agent approves nothing").isEmpty();

        browser = session.restart();
        browser.signIn(lead.username()).open("/console/protection");
        browser.click("#restriction-" + id + " button.approve");
        browser.waitForText(".alert.ok", "限制已生效");
        assertThat(browser.text("#restriction-" + id + " .state")).isEqualTo("生效中");

        // the lead's abuse report draws the hours as a chart and counts the call in their team
        browser.open("/console/reports/abuse");
        browser.waitUntil(d -> "true".equals(d.findElement(org.openqa.selenium.By.id("abuse-chart")).getAttribute("data-drawn")));
        assertThat(Long.parseLong(browser.text("#abuse-total"))).isGreaterThanOrEqualTo(1);
        assertThat(browser.text("#by-level")).contains("ABUSE");
        assertThat(browser.scriptErrors()).isEmpty();
    }
}
