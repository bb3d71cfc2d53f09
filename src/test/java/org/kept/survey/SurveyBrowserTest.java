package org.kept.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.customer.Customer;
import org.kept.identity.CurrentUser;
import org.kept.sms.SmsReceived;
import org.kept.support.Api;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.TestClock;
import org.kept.survey.internal.SurveySender;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The survey pages in headless Chromium: a lead's results page draws its chart and tables; a customer answers the
 * one-time link page (no sign-in), and "problem not solved" reopens the ticket.
 */
@KeptTest
@Import(SurveyDoubles.class)
class SurveyBrowserTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @Autowired
    SurveySender sender;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    JdbcClient jdbc;

    @org.junit.jupiter.api.BeforeEach
    void aMailbox() {
        SurveyTest.aMailbox(jdbc);
    }

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void aLeadSeesCsatAndNotSolvedPerTeamAsAChartAndTables() {
        CurrentUser holder = fixtures.user("AGENT");
        Api agent = fixtures.api(holder);
        Customer a = fixtures.customer("图表甲");
        Customer b = fixtures.customer("图表乙");
        long t1 = resolvedAndSent(agent, a.id(), "PHONE");
        long t2 = resolvedAndSent(agent, b.id(), "PHONE");
        events.publishEvent(new SmsReceived(-11, a.primaryPhone(), "2", a.id(), clock.instant()));
        events.publishEvent(new SmsReceived(-12, b.primaryPhone(), "4", b.id(), clock.instant()));
        assertThat(List.of(t1, t2)).hasSize(2);

        CurrentUser lead = fixtures.user("LEAD");
        Browser browser = session.in("zh-CN");
        browser.signIn(lead.username()).open("/console/reports/surveys");
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#survey-chart[data-drawn=true]")));
        assertThat(browser.text("h1")).isEqualTo("满意度回访结果");
        assertThat(browser.text("#survey-agents")).contains(holder.displayName());
        assertThat(browser.text("#survey-teams")).contains("满意度", "问题未解决");
        assertThat(browser.find("#survey-chart canvas").isDisplayed()).isTrue();
        assertThat(browser.scriptErrors()).isEmpty();
    }

    @Test
    void aCustomerAnswersTheOneTimeLinkWithoutSigningInAndNotSolvedReopens() {
        Api agent = fixtures.api(fixtures.user("AGENT"));
        Customer customer = fixtures.customer("链接客户");
        long ticket = resolvedAndSent(agent, customer.id(), "PORTAL");
        String payload = jdbc.sql("select payload from contact_outbox where channel = 'EMAIL' and payload like ? "
                + "order by id desc limit 1").param("%" + customer.primaryEmail() + "%").query(String.class).single();
        String token = payload.replaceAll(".*/s/([A-Za-z0-9_-]+).*", "$1");

        Browser browser = session.in("zh-CN");
        browser.open("/s/" + token);
        assertThat(browser.text("h1")).isEqualTo("满意度回访");
        assertThat(browser.text("#survey-form")).contains("非常满意", "满意", "对服务态度不满意", "问题未解决");
        assertThat(browser.driver().findElements(By.cssSelector("input[name=choice]:checked"))).as("no answer suggested")
                .isEmpty();
        browser.click("#choice-4");
        browser.click("#survey-form button[type=submit]");
        assertThat(browser.waitForText("#survey-state", "感谢")).contains("感谢");
        assertThat(agent.get("/api/v1/tickets/" + ticket).json().path("state").asString()).isEqualTo("OPEN");

        browser.open("/s/" + token);
        assertThat(browser.text("#survey-state")).contains("已评价");
        assertThat(browser.scriptErrors()).isEmpty();
    }

    long resolvedAndSent(Api agent, long customerId, String channel) {
        long ticket = agent.post("/api/v1/tickets", new HashMap<>(Map.of("type", "INQUIRY", "subject", "页面回访",
                "customerId", customerId, "channel", channel, "handling", "SELF", "category", "service"))).expect(201).id();
        int version = agent.get("/api/v1/tickets/" + ticket).version();
        agent.post("/api/v1/tickets/" + ticket + "/transitions", Api.body("to", "RESOLVED", "version", version)).expect(200);
        try (var m = clock.moved(Duration.ofHours(2).plusMinutes(1))) {
            assertThat(sender.runDue(clock.instant(), List.of(ticket))).isEqualTo(1);
        }
        return ticket;
    }
}
