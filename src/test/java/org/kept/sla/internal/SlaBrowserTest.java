package org.kept.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.customer.CustomerTier;
import org.kept.identity.CurrentUser;
import org.kept.support.Browser;
import org.kept.support.KeptTest;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The SLA console in headless Chromium (zh-CN), as agents and leads use it: countdowns that tick, expedite and promise
 * forms answered in place through htmx, refusals in words, the escalation board and the bell. With
 * {@code -Dkept.screenshot.sla=docs/console-sla.png} it also writes the screenshot of the ticket page's SLA panel.
 */
@KeptTest
@Import(SlaWorld.class)
class SlaBrowserTest {

    @Autowired
    SlaWorld world;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void theCountdownTicksAndAPassedDeadlineReadsOverdue() {
        Browser browser = session.get();
        String team = world.team();
        world.policy(team, null, 60, null, 600);
        CurrentUser agent = world.user("AGENT", team);
        long customer = world.customer(CustomerTier.STANDARD);
        long id = world.ticket(world.fixtures.api(agent), customer, team, "冰箱不制冷，要求上门检修").get("id").asLong();

        browser.signIn(agent.username()).open("/console/tickets/" + id);
        String first = browser.text(".sla-clock time[data-countdown]");
        assertThat(first).startsWith("剩 ").contains("分").contains("秒");
        // the page's clock is the browser's: stop it 59 min 50 s before the deadline, then move it two seconds on
        String due = browser.find(".sla-clock time[data-countdown]").getAttribute("datetime");
        browser.js("window.keptNow = Date.parse(arguments[0]) - (59 * 60 + 50) * 1000; Date.now = function () { return window.keptNow; };",
                due);
        browser.waitForText(".sla-clock time[data-countdown]", "剩 59分50秒");
        browser.js("window.keptNow += 2000;");
        assertThat(browser.waitForText(".sla-clock time[data-countdown]", "剩 59分48秒")).isEqualTo("剩 59分48秒");

        // recorded 155 minutes ago against a 60-minute first response: 95 minutes overdue
        long late;
        try (var past = world.clock.moved(Duration.ofMinutes(-155))) {
            late = world.ticket(world.fixtures.api(agent), customer, team, "热水器漏水").get("id").asLong();
        }
        browser.open("/console/tickets/" + late);
        var overdue = browser.find(".sla-clock time[data-countdown]");
        assertThat(overdue.getText()).startsWith("已超时 1小时3");
        assertThat(overdue.getAttribute("class")).contains("overdue");
    }

    @Test
    void anAgentExpeditesInPlaceAndIsToldWhyNotTheSecondTime() {
        Browser browser = session.get();
        String team = world.team();
        world.policy(team, null, 60, null, 600);
        CurrentUser agent = world.user("AGENT", team);
        CurrentUser lead = world.user("LEAD", team);
        long id = world.ticket(world.fixtures.api(agent), world.customer(CustomerTier.STANDARD), team, "空调安装师傅爽约")
                .get("id").asLong();
        browser.signIn(agent.username()).open("/console/tickets/" + id);
        String resolutionBefore = resolutionDue(browser);
        browser.markWindow();

        // the ticket's actions are tabs of one bar (issue 15): expedite is one click away
        browser.click(".action-bar [data-tab-for=expedite]");
        browser.find("#expedite-reason").sendKeys("老人在家，天气转冷急需使用");
        browser.find("#expedite-reason").submit();
        String notice = browser.waitForText("#ticket-controls .alert.ok", "已加急");
        assertThat(notice).contains("优先级提高");
        assertThat(browser.notReloaded()).as("expedite answered in place, without a page load").isTrue();
        assertThat(browser.text(".sla-clock")).contains("加急次数");
        assertThat(resolutionDue(browser)).isNotEqualTo(resolutionBefore);
        assertThat(browser.text("#timeline")).contains("老人在家，天气转冷急需使用").contains("您的加急请求已受理");

        browser.find("#expedite-reason").sendKeys("客户又来电催促");
        browser.find("#expedite-reason").submit();
        String refusal = browser.waitForText("#ticket-alert .alert.error", "已于");
        assertThat(refusal).contains("才可再次加急");
        assertThat(browser.notReloaded()).isTrue();

        String target = System.getProperty("kept.screenshot.sla");
        if (target != null && !target.isBlank()) {
            browser.js("window.scrollTo(0, 0);");
            browser.screenshot(Path.of(target));
        }

        // the lead of the team was told, sees the ticket on the board, and the bell counts it
        browser = session.restart();
        browser.signIn(lead.username()).open("/console/escalations");
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".bell .count")));
        assertThat(Integer.parseInt(browser.text(".bell .count"))).isPositive();
        assertThat(browser.text("table.tickets")).contains("空调安装师傅爽约");
        assertThat(browser.text("table.tickets time[data-countdown]")).matches("(剩|已超时) .+");
    }

    /** The resolution deadline as the clock shows it (month-day hour:minute, in the centre's time). */
    private static String resolutionDue(Browser browser) {
        return browser.driver().findElement(By.xpath("//div[contains(@class,'sla-clock')]//dt[.='解决']"
                + "/following-sibling::dd[1]/span[contains(@class,'muted')]")).getText();
    }

    @Test
    void aPromiseMadeOnTheTicketIsOnThePromisesList() {
        Browser browser = session.get();
        String team = world.team();
        world.policy(team, null, 60, null, 600);
        CurrentUser agent = world.user("AGENT", team);
        long id = world.ticket(world.fixtures.api(agent), world.customer(CustomerTier.STANDARD), team, "退款迟迟未到账")
                .get("id").asLong();
        browser.signIn(agent.username()).open("/console/tickets/" + id);
        browser.markWindow();

        browser.click(".action-bar [data-tab-for=promise]");
        browser.find("#promise").sendKeys("今天 17 点前回电告知退款进度");
        String due = LocalDateTime.now(ZoneId.of("Asia/Shanghai")).plusHours(3).withSecond(0).withNano(0).toString();
        // the date picker is the browser's own widget; a person picks a value, the test sets it
        browser.js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                browser.find("#promise-due"), due);
        browser.find("#promise").submit();
        browser.waitForText("#ticket-controls .alert.ok", "承诺已记录");
        assertThat(browser.notReloaded()).isTrue();

        browser.open("/console/commitments");
        assertThat(browser.text("main")).contains("今天 17 点前回电告知退款进度");
    }

    @Test
    void aLeadPicksATeamOnTheBoard() {
        Browser browser = session.get();
        String team = world.team();
        world.policy(team, null, 60, null, 600);
        CurrentUser lead = world.user("LEAD", team);
        world.ticket(world.fixtures.api(lead), world.customer(CustomerTier.STANDARD), team, "看板筛选的工单");
        browser.signIn(lead.username()).open("/console/escalations");
        assertThat(browser.text("table.tickets")).contains("看板筛选的工单");

        new org.openqa.selenium.support.ui.Select(browser.find("select[name=team]")).selectByValue("0");
        browser.waitUntil(ExpectedConditions.urlContains("team=0"));
        assertThat(browser.find("select[name=team]").getAttribute("value")).isEqualTo("0");
    }
}
