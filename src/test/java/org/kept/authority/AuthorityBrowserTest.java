package org.kept.authority;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.identity.CurrentUser;
import org.kept.identity.IdentityChanged;
import org.kept.support.Api;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An outsourced agent's compensation above the limit (5 yuan a case for the role, as seeded), in headless Chromium:
 * the ticket's grant form files it as an exception request, the team lead finds it in the inbox from the keyboard and
 * approves it with a comment, and the agent sees it approved and granted on the ticket.
 */
@KeptTest
class AuthorityBrowserTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void anOutsourcedAgentsCompensationAboveTheLimitGoesToTheLeadAndComesBackApproved() {
        String team = "auth-b-" + Long.toString(System.nanoTime(), 36);
        jdbc.sql("insert into team (code, name) values (?, ?)").params(team, "外包一组").update();
        events.publishEvent(new IdentityChanged("test", "test.refresh", "team:" + team, ""));
        CurrentUser agent = fixtures.user("OUTSOURCED", team);
        CurrentUser lead = fixtures.user("LEAD", team);
        Api api = fixtures.api(agent);
        long ticket = fixtures.ticket(api, fixtures.customer("包裹丢失的客户").id(), "包裹显示签收但未收到").id();

        Browser browser = session.get();
        browser.signIn(agent.username()).open("/console/tickets/" + ticket);
        browser.click("#tab-authority");
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("authority-form")));
        assertThat(browser.text(".authority-limits")).contains("补偿", "5.00");
        browser.find("#authority-amount").sendKeys("8.00");
        browser.find("#authority-reason").sendKeys("包裹丢失，客户要求补偿运费");
        browser.find("#authority-evidence").sendKeys("快递轨迹显示代签，客户未收到");
        browser.click("#authority-submit");
        browser.waitForText(".alert.ok", "特例申请已提交审批");
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".authority-request")));
        assertThat(browser.text(".authority-request")).contains("待审批", "组长");

        browser = session.restart();
        browser.signIn(lead.username()).open("/console/approvals");
        assertThat(browser.text("#approvals")).contains("8.00 CNY", "包裹丢失，客户要求补偿运费");
        new Actions(browser.driver()).sendKeys("j").sendKeys(Keys.ENTER).perform();
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("decision-form")));
        assertThat(browser.text("#approval")).contains("快递轨迹显示代签");
        browser.find("#decision-comment").sendKeys("情况属实，同意补偿");
        browser.click("#approve");
        browser.waitForText(".alert.ok", "已同意");
        assertThat(browser.driver().findElements(By.cssSelector("tr.approval-row"))).isEmpty();

        browser = session.restart();
        browser.signIn(agent.username()).open("/console/tickets/" + ticket);
        browser.click("#tab-authority");
        String panel = browser.waitForText(".authority-request", "已同意");
        assertThat(panel).contains("情况属实，同意补偿");
        assertThat(browser.text(".authority-grants")).contains("8.00 CNY");
        assertThat(browser.text("#timeline")).contains("情况属实，同意补偿");
        assertThat(browser.consoleErrors()).isEmpty();
    }
}
