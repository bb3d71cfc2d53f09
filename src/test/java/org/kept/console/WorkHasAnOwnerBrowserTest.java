package org.kept.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kept.customer.Customer;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.TestClock;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 15 in headless Chromium, in zh-CN and en at 1440 and 1024 px: a recorded ticket has an owner, the form shows
 * every error at once beside its field, the queue's search finds any ticket from any tab, the escalation board says
 * what the queue says, and the ticket's actions fit one screen without anything spilling out. With
 * {@code -Dkept.write-docs=true} it writes the ticket screen at both widths to docs/.
 */
@KeptTest
class WorkHasAnOwnerBrowserTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    private Browser browser(String language, int width, int height) {
        Browser browser = "zh-CN".equals(language) ? session.get() : session.in(language);
        return browser.viewport(width, height);
    }

    @ParameterizedTest
    @CsvSource({"zh-CN, 1440, 900, 请选择要提交的团队", "en, 1024, 700, Choose the team"})
    void theFormShowsEveryErrorAtOnceBesideItsField(String language, int width, int height, String teamMessage) {
        Browser browser = browser(language, width, height);
        CurrentUser agent = fixtures.user("AGENT", "hotline");
        browser.signIn(agent.username()).open("/console/tickets/new");
        browser.click("input[name=handling][value=TEAM]");
        // the agent's own team is preselected; submitting to a team without choosing one is the mistake tested
        new org.openqa.selenium.support.ui.Select(browser.find("#teamId")).selectByValue("");
        browser.find("#contactPhone").sendKeys("12ab");
        browser.find("#incidentPlace").sendKeys("x".repeat(10));
        // the browser's own checks would stop at the first empty required field: the server's answer is what is tested
        browser.js("document.getElementById('new-ticket').noValidate = true;");
        browser.click("#new-ticket button.primary[type=submit]");
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("form-errors")));

        for (String field : List.of("customerId", "type", "subject", "contactPhone", "teamId")) {
            WebElement error = browser.find("#" + field + "-error");
            assertThat(error.isDisplayed()).as(field).isTrue();
            assertThat(error.getText()).as(field).isNotBlank();
        }
        assertThat(browser.text("#teamId-error")).contains(teamMessage);
        assertThat(browser.driver().findElements(By.cssSelector("#form-errors li"))).hasSize(5);
        // beside its field: right under the input it is about
        for (String field : List.of("subject", "contactPhone", "teamId")) {
            Map<?, ?> input = rect(browser, "#" + field);
            Map<?, ?> error = rect(browser, "#" + field + "-error");
            assertThat(num(error, "top") - num(input, "bottom")).as(field + " error right below its input").isBetween(-1.0, 24.0);
        }
        assertThat(browser.find("#contactPhone").getAttribute("value")).as("what was typed stays").isEqualTo("12ab");
        assertThat(browser.find("#subject").getAttribute("aria-invalid")).isEqualTo("true");
    }

    @ParameterizedTest
    @CsvSource({"zh-CN, 1440, 900", "en, 1024, 700"})
    void aRecordedTicketIsTheAgentsAndTheContactPhoneComesFromTheCustomer(String language, int width, int height) {
        Browser browser = browser(language, width, height);
        CurrentUser agent = fixtures.user("OUTSOURCED", "hotline");
        Customer customer = fixtures.customer("来电" + Long.toString(System.nanoTime(), 36));
        browser.signIn(agent.username()).open("/console/tickets/new?customer=" + customer.id());
        assertThat(browser.find("#contactPhone").getAttribute("value")).as("masked for an outsourced agent")
                .contains("****").endsWith(customer.primaryPhone().substring(customer.primaryPhone().length() - 4));
        browser.click("input[name=type][value=INQUIRY]");
        browser.find("#subject").sendKeys("账单查询后已当场解答");
        browser.click("#new-ticket button.primary[type=submit]");
        browser.waitUntil(ExpectedConditions.urlMatches(".*/console/tickets/\\d+$"));
        long id = Long.parseLong(browser.driver().getCurrentUrl().replaceAll(".*/", ""));
        Map<String, Object> row = jdbc.sql("select assignee_id, team_id, contact_phone from ticket where id = ?").param(id)
                .query().singleRow();
        assertThat(((Number) row.get("assignee_id")).longValue()).as("I handle it: never 未分配").isEqualTo(agent.id());
        assertThat(((Number) row.get("team_id")).longValue()).isEqualTo(fixtures.team("hotline"));
        assertThat(row.get("contact_phone")).as("the customer's own number, not the mask").isEqualTo(customer.primaryPhone());
    }

    @ParameterizedTest
    @CsvSource({"zh-CN, 1440, 900", "en, 1024, 700"})
    void searchFindsAnyTicketByNumberNameOrPhoneFromAnyTab(String language, int width, int height) {
        Browser browser = browser(language, width, height);
        String name = "寻" + Long.toString(System.nanoTime(), 36);
        Customer customer = fixtures.customer(name);
        Api other = fixtures.api(fixtures.user("AGENT", "online"));
        JsonTicket ticket = JsonTicket.of(other.post("/api/v1/tickets", body("type", "INQUIRY", "subject", "别组的工单",
                "customerId", customer.id(), "teamId", fixtures.team("online"))).expect(201).json());
        String lastFour = customer.primaryPhone().substring(customer.primaryPhone().length() - 4);
        // part of the number: without country code and operator prefix (fixtures' numbers differ in these 8 digits)
        String middle = customer.primaryPhone().substring(6);

        CurrentUser agent = fixtures.user("AGENT", "hotline");
        browser.signIn(agent.username());
        for (String tab : List.of("mine", "team", "unassigned")) {
            assertThat(search(browser, tab, ticket.number())).as("number under " + tab).contains(ticket.number());
            assertThat(search(browser, tab, name)).as("name under " + tab).contains(ticket.number());
        }
        // an agent without personal-data rights cannot confirm digits of a phone number
        assertThat(search(browser, "mine", middle)).doesNotContain(ticket.number());

        CurrentUser complaints = fixtures.user("COMPLAINTS", "major-complaints");
        browser = session.in(language).viewport(width, height);
        browser.signIn(complaints.username());
        assertThat(search(browser, "mine", lastFour)).as("last four digits").contains(ticket.number());
        assertThat(search(browser, "mine", middle)).as("part of the number").contains(ticket.number());
    }

    private static String search(Browser browser, String tab, String q) {
        browser.open("/console?view=" + tab);
        WebElement box = browser.find("#q");
        box.sendKeys(q);
        browser.waitUntil(d -> browser.driver().getCurrentUrl().contains("q="));
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#queue-results .search-scope")));
        return browser.text("#queue-results");
    }

    @ParameterizedTest
    @CsvSource({"zh-CN, 1440, 900, 超时未升级", "en, 1024, 700, overdue, not escalated"})
    void theEscalationBoardSaysWhatTheQueueSays(String language, int width, int height, String notEscalated) {
        Instant recorded = Instant.now().minus(Duration.ofDays(30));
        CurrentUser lead = fixtures.user("LEAD", "hotline");
        CurrentUser planner = fixtures.user("PLANNER", "hotline");
        CurrentUser worker = fixtures.user("AGENT", "hotline");
        Customer customer = fixtures.customer("看板" + Long.toString(System.nanoTime(), 36));
        long id;
        try (var then = clock.stoppedAt(recorded)) {
            id = fixtures.api(lead).post("/api/v1/tickets", body("type", "COMPLAINT", "priority", "P1", "subject", "看板核对",
                    "customerId", customer.id(), "teamId", fixtures.team("hotline"))).expect(201).id();
        }
        // expedited while there was still time; 30 days on it is long overdue
        try (var soon = clock.stoppedAt(recorded.plus(Duration.ofMinutes(5)))) {
            fixtures.api(lead).post("/api/v1/tickets/" + id + "/expedite", body("reason", "客户再次来电催促")).expect(201);
        }
        String number = jdbc.sql("select number from ticket where id = ?").param(id).query(String.class).single();
        try (var now = clock.stoppedAt(Instant.now())) {
            Browser browser = browser(language, width, height);
            browser.signIn(lead.username()).open("/console?view=team&q=" + number);
            WebElement queueRow = browser.find("#queue-results tr[data-href$='/" + id + "']");
            String queueAge = queueRow.findElements(By.cssSelector("td .age")).get(0).getText();
            String queueDue = queueRow.findElement(By.cssSelector("time[data-countdown]")).getText();

            browser.open("/console/escalations?team=" + fixtures.team("hotline"));
            WebElement boardRow = browser.find("#board-overdue tr[data-ticket='" + number + "']");
            assertThat(boardRow.findElement(By.cssSelector(".age-cell")).getText()).as("age as on the queue").isEqualTo(queueAge);
            assertThat(boardRow.findElement(By.cssSelector("time[data-countdown]")).getText()).as("deadline as on the queue")
                    .isEqualTo(queueDue);
            assertThat(queueAge).matches(language.equals("en") ? "30d \\dh" : "30天\\d+小时");
            assertThat(boardRow.findElement(By.cssSelector(".prio")).getText()).isEqualTo("P1");
            assertThat(boardRow.findElement(By.cssSelector(".badge.expedited")).getText()).contains("1");
            assertThat(boardRow.getText()).contains(notEscalated);
            assertThat(browser.driver().findElements(By.cssSelector("#board-upcoming tr[data-ticket='" + number + "']"))).isEmpty();

            List<String> offered = boardRow.findElements(By.cssSelector("select[name=assignee] option")).stream()
                    .map(o -> o.getAttribute("textContent")).toList();
            assertThat(offered).anyMatch(o -> o.contains(worker.displayName()) && o.contains(language.equals("en") ? "on shift" : "在班"));
            assertThat(offered).noneMatch(o -> o.contains(planner.displayName()));

            boardRow.findElement(By.cssSelector("details.reassign summary")).click();
            new org.openqa.selenium.support.ui.Select(boardRow.findElement(By.cssSelector("select[name=assignee]")))
                    .selectByValue(Long.toString(worker.id()));
            boardRow.findElement(By.cssSelector("details.reassign button[type=submit]")).click();
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".alert.ok")));
            assertThat(jdbc.sql("select assignee_id from ticket where id = ?").param(id).query(Long.class).single())
                    .isEqualTo(worker.id());
        }
    }

    @ParameterizedTest
    @CsvSource({"zh-CN, 1024, 700", "en, 1024, 700", "zh-CN, 1440, 900", "en, 1440, 900"})
    void theActionsOfACallFitOneScreenAndNothingSpillsOut(String language, int width, int height) {
        Browser browser = browser(language, width, height);
        CurrentUser agent = fixtures.user("AGENT", "hotline");
        Customer customer = fixtures.customer("屏幕" + Long.toString(System.nanoTime(), 36));
        long id = fixtures.api(agent).post("/api/v1/tickets", body("type", "COMPLAINT", "subject", "空调安装预约三次未上门，客户要求今天给答复",
                "description", "客户称已预约三次，师傅均未上门。", "customerId", customer.id(), "contactPhone", "13800138000",
                "incidentTime", "2026-11-20 下午", "incidentPlace", "上海市浦东新区张江路 88 弄 12 号 1203 室",
                "handling", "SELF")).expect(201).id();
        browser.signIn(agent.username()).open("/console/tickets/" + id);
        double innerHeight = ((Number) browser.js("return window.innerHeight;")).doubleValue();
        assertThat(((Number) browser.js("return window.innerWidth;")).intValue()).isEqualTo(width);

        for (String tab : List.of("reply", "note", "promise", "expedite", "escalate", "assign", "more")) {
            WebElement button = browser.find(".action-bar [data-tab-for=" + tab + "]");
            assertThat(num(rect(button), "bottom")).as(tab + " tab within the screen").isLessThanOrEqualTo(innerHeight);
            button.click();
            WebElement submit = browser.driver().findElements(By.cssSelector(".actions-side [data-tab-panel~=" + tab
                    + "] button[type=submit]")).stream().filter(WebElement::isDisplayed).findFirst().orElseThrow();
            assertThat(num(rect(submit), "bottom")).as(tab + " form's button within " + width + "x" + height)
                    .isLessThanOrEqualTo(innerHeight);
        }
        // the ticket itself keeps most of the width, its dates on one line
        assertThat(num(rect(browser.find(".ticket-screen .work")), "width")).isGreaterThanOrEqualTo(width >= 1280 ? 600 : 560);
        WebElement created = browser.find("#ticket-header dd.date");
        double lineHeight = Double.parseDouble(((String) browser.js(
                "return getComputedStyle(arguments[0]).lineHeight;", created)).replace("px", "").replace("normal", "20"));
        assertThat(num(rect(created), "height")).as("the date on one line").isLessThan(lineHeight * 1.6);
        // no phone number spills out of its panel, and the page never scrolls sideways
        for (WebElement phone : browser.driver().findElements(By.cssSelector(".ticket-screen .mono"))) {
            if (!phone.isDisplayed()) {
                continue;
            }
            Map<?, ?> own = rect(phone);
            Map<?, ?> panel = (Map<?, ?>) browser.js("return arguments[0].closest('.panel').getBoundingClientRect().toJSON();", phone);
            assertThat(num(own, "right")).as(phone.getText() + " inside its panel").isLessThanOrEqualTo(num(panel, "right") + 0.5);
        }
        assertThat(((Number) browser.js("return document.documentElement.scrollWidth;")).intValue()).isLessThanOrEqualTo(width);

        // an expedite's confirmation appears right above the expedite form, not elsewhere
        browser.click(".action-bar [data-tab-for=expedite]");
        browser.find("#expedite-reason").sendKeys("客户第三次来电");
        browser.click("form[data-tab-panel=expedite] button[type=submit]");
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".actions-side .alert.ok")));
        WebElement notice = browser.find(".actions-side .alert.ok");
        WebElement form = browser.find("form[data-tab-panel=expedite]");
        assertThat(form.isDisplayed()).as("the expedite tab stays open").isTrue();
        assertThat(num(rect(form), "top") - num(rect(notice), "bottom")).as("the notice beside the form used").isBetween(0.0, 24.0);
        assertThat(num(rect(notice), "bottom")).isLessThanOrEqualTo(innerHeight);

        if (Boolean.getBoolean("kept.write-docs") && "zh-CN".equals(language)) {
            browser.open("/console/tickets/" + id);
            browser.screenshot(Path.of("docs/ticket-" + width + ".png"));
        }
    }

    private static Map<?, ?> rect(Browser browser, String css) {
        return rect(browser, browser.find(css));
    }

    private Map<?, ?> rect(WebElement element) {
        return rect(session.get(), element);
    }

    private static Map<?, ?> rect(Browser browser, WebElement element) {
        return (Map<?, ?>) browser.js("return arguments[0].getBoundingClientRect().toJSON();", element);
    }

    private static double num(Map<?, ?> rect, String key) {
        return ((Number) rect.get(key)).doubleValue();
    }

    /** The number of a ticket the API answered with. */
    record JsonTicket(long id, String number) {
        static JsonTicket of(tools.jackson.databind.JsonNode json) {
            return new JsonTicket(json.path("id").asLong(), json.path("number").asString());
        }
    }
}
