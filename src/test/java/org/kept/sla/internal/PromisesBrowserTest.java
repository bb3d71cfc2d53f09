package org.kept.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.customer.CustomerTier;
import org.kept.customer.NewCustomer;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Browser;
import org.kept.support.BrowserLanguage;
import org.kept.support.KeptTest;
import org.kept.ticket.Channel;
import org.kept.ticket.NewTicket;
import org.kept.ticket.TicketType;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Promises in sight, in headless Chromium (zh-CN and en, 1440 and 1024 px): the due time on the ticket's timeline, the
 * list with customer, ticket and holder, the portal's "we will call you back by", a promise following a reassignment,
 * the confirm step before resolving over open promises, quick picks, and a refused promise that keeps its text.
 */
@KeptTest
@Import(SlaWorld.class)
class PromisesBrowserTest {

    static final DateTimeFormatter ZH = DateTimeFormatter.ofPattern("M月d日 HH:mm", Locale.SIMPLIFIED_CHINESE);
    static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    @Autowired
    SlaWorld world;

    @Autowired
    Tickets tickets;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    /** Tomorrow 15:00 in the centre's time zone. */
    private ZonedDateTime tomorrowAtThree() {
        return LocalDate.now(world.zone.zone()).plusDays(1).atTime(LocalTime.of(15, 0)).atZone(world.zone.zone());
    }

    @Test
    void theTicketShowsThePromisesDueTimeInTheReadersLanguageAtBothWidths() {
        String team = world.team();
        world.policy(team, null, 600, null, 6000);
        CurrentUser agent = world.user("AGENT", team);
        Api api = world.fixtures.api(agent);
        long id = world.ticket(api, world.customer(CustomerTier.STANDARD), team, "发票抬头开错要求重开").get("id").asLong();
        ZonedDateTime due = tomorrowAtThree();
        api.post("/api/v1/tickets/" + id + "/commitments", body("promise", "重开发票后回电",
                "due", due.toOffsetDateTime().toString())).expect(201);

        Browser browser = session.get();
        browser.signIn(agent.username());
        for (int width : List.of(1440, 1024)) {
            browser.driver().manage().window().setSize(new Dimension(width, 900));
            browser.open("/console/tickets/" + id);
            WebElement entry = browser.find("#timeline .entry.COMMITMENT .promise-due");
            assertThat(entry.getText()).as(width + " px").isEqualTo("承诺时间：" + ZH.format(due) + " 前");
            assertFitsTheWindow(browser, entry, width);
        }
        BrowserLanguage.english(browser);
        browser.open("/console/tickets/" + id);
        assertThat(browser.text("#timeline .entry.COMMITMENT .promise-due")).isEqualTo("Promised for " + EN.format(due));
    }

    @Test
    void thePromisesListShowsCustomerTicketAndHolderWithThePhoneMaskedForRolesWithoutTheRight() {
        String team = world.team();
        world.policy(team, null, 600, null, 6000);
        CurrentUser agent = world.user("AGENT", team);
        CurrentUser outsourced = world.user("OUTSOURCED", team);
        long customer = world.customers.create(new NewCustomer("承诺客户王女士", CustomerTier.STANDARD, null,
                List.of("+8613812348000"), List.of()), "test").id();
        Api api = world.fixtures.api(agent);
        long id = world.ticket(api, customer, team, "退款进度").get("id").asLong();
        String number = api.get("/api/v1/tickets/" + id).expect(200).json().get("number").asString();
        api.post("/api/v1/tickets/" + id + "/commitments", body("promise", "明天下午三点前回电",
                "due", tomorrowAtThree().toOffsetDateTime().toString())).expect(201);

        Browser browser = session.get();
        browser.signIn(outsourced.username()).open("/console/commitments?mine=false");
        WebElement row = browser.find("tr.promise-row");
        assertThat(row.findElement(By.cssSelector(".customer")).getText()).contains("承诺客户王女士").contains("138****8000")
                .doesNotContain("13812348000");
        assertThat(row.findElement(By.cssSelector(".owner")).getText()).isEqualTo("测试 " + agent.username());
        WebElement link = row.findElement(By.linkText(number));
        assertThat(link.getAttribute("href")).endsWith("/console/tickets/" + id);
        assertThat(row.findElement(By.cssSelector(".due-at")).getText()).isEqualTo(ZH.format(tomorrowAtThree()));

        // the major-complaints group sees personal data in full
        browser = session.restart();
        browser.signIn(world.user("COMPLAINTS", team).username());
        BrowserLanguage.english(browser);
        browser.open("/console/commitments?mine=false");
        assertThat(browser.text("tr.promise-row .customer")).contains("+8613812348000");
        assertThat(browser.text("thead")).contains("Customer", "Held by");
    }

    @Test
    void thePortalShowsThePromiseMadeToTheCustomerInsteadOfTheSlaDate() {
        CurrentUser customer = world.fixtures.user("CUSTOMER");
        CurrentUser agent = world.fixtures.user("AGENT");
        TicketView ticket = tickets.create(new NewTicket(TicketType.INQUIRY, "refund", Channel.PORTAL, null,
                "退款什么时候到账", "订单 778899", null, null, null, null, customer.customerId(), null, null),
                customer, null).ticket();
        Browser browser = session.get();
        browser.signIn(customer.username()).open("/portal/tickets/" + ticket.id());
        assertThat(browser.driver().findElements(By.cssSelector(".status-line.promised"))).isEmpty();

        ZonedDateTime due = tomorrowAtThree();
        world.fixtures.api(agent).post("/api/v1/tickets/" + ticket.id() + "/commitments", body("promise", "财务确认后回电",
                "due", due.toOffsetDateTime().toString())).expect(201);
        browser.open("/portal/tickets/" + ticket.id());
        assertThat(browser.text(".status-line.promised")).isEqualTo("我们将在 " + ZH.format(due) + " 前回电");
        assertThat(browser.driver().getPageSource()).doesNotContain("财务确认后回电");
        BrowserLanguage.english(browser);
        browser.open("/portal/tickets/" + ticket.id());
        assertThat(browser.text(".status-line.promised")).isEqualTo("We will call you back by " + EN.format(due) + ".");
    }

    @Test
    void aPromiseFollowsTheTicketWhenALeadReassignsItOnThePage() {
        String team = world.team();
        world.policy(team, null, 600, null, 6000);
        CurrentUser agent = world.user("AGENT", team);
        CurrentUser colleague = world.user("AGENT", team);
        CurrentUser lead = world.user("LEAD", team);
        Api api = world.fixtures.api(agent);
        long id = world.ticket(api, world.customer(CustomerTier.STANDARD), team, "改派后承诺跟着走").get("id").asLong();
        int version = api.get("/api/v1/tickets/" + id).expect(200).json().get("version").asInt();
        api.put("/api/v1/tickets/" + id + "/assignment", body("teamId", world.fixtures.team(team), "assigneeId", agent.id(),
                "version", version)).expect(200);
        api.post("/api/v1/tickets/" + id + "/commitments", body("promise", "傍晚前回电",
                "due", tomorrowAtThree().toOffsetDateTime().toString())).expect(201);

        Browser browser = session.get();
        browser.signIn(lead.username()).open("/console/tickets/" + id);
        // the assign form sits on its own tab of the action bar
        browser.click(".action-bar [data-tab-for=assign]");
        new Select(browser.find("#assign-person")).selectByValue(String.valueOf(colleague.id()));
        browser.find("#assign-person").submit();
        String moved = browser.waitForText("#timeline .promise-moved", "测试 " + colleague.username());
        assertThat(moved).startsWith("承诺由").contains("测试 " + agent.username());

        browser.open("/console/commitments?mine=false");
        assertThat(browser.text("tr.promise-row .owner")).isEqualTo("测试 " + colleague.username());
    }

    @Test
    void resolvingOverAnOpenPromiseAsksWhatBecomesOfItFirst() {
        String team = world.team();
        world.policy(team, null, 600, null, 6000);
        CurrentUser agent = world.user("AGENT", team);
        Api api = world.fixtures.api(agent);
        long id = world.ticket(api, world.customer(CustomerTier.STANDARD), team, "解决前要处理承诺").get("id").asLong();
        long promise = api.post("/api/v1/tickets/" + id + "/commitments", body("promise", "寄回执",
                "due", tomorrowAtThree().toOffsetDateTime().toString())).expect(201).id();

        Browser browser = session.get();
        browser.signIn(agent.username()).open("/console/tickets/" + id);
        browser.markWindow();
        browser.click("form.moves button.move.RESOLVED");
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.promise-confirm")));
        assertThat(browser.text("form.promise-confirm")).contains("寄回执").contains(ZH.format(tomorrowAtThree()));
        assertThat(api.get("/api/v1/tickets/" + id).expect(200).json().get("state").asString()).isNotEqualTo("RESOLVED");

        new Select(browser.find("select[name='promise." + promise + "']")).selectByValue("CANCEL");
        browser.find("input[name='reason." + promise + "']").sendKeys("客户不再需要回执");
        browser.click("form.promise-confirm button[type=submit]");
        browser.waitForText("#timeline", "客户不再需要回执");
        assertThat(browser.notReloaded()).isTrue();
        assertThat(api.get("/api/v1/tickets/" + id).expect(200).json().get("state").asString()).isEqualTo("RESOLVED");
        assertThat(browser.driver().findElements(By.cssSelector("form.promise-confirm"))).isEmpty();
    }

    @Test
    void quickPicksFillTheDueTimeAndARefusedPromiseKeepsWhatWasTyped() {
        String team = world.team();
        world.policy(team, null, 600, null, 6000);
        CurrentUser agent = world.user("AGENT", team);
        Api api = world.fixtures.api(agent);
        long id = world.ticket(api, world.customer(CustomerTier.STANDARD), team, "快捷时间").get("id").asLong();

        Browser browser = session.get();
        browser.signIn(agent.username()).open("/console/tickets/" + id);
        // the promise form (and its quick picks) sits on its own tab of the action bar
        browser.click(".action-bar [data-tab-for=promise]");
        browser.waitForText(".promise-picks", "两小时内");
        assertThat(browser.text(".promise-picks")).contains("明天 15:00");
        browser.driver().findElement(By.xpath("//div[contains(@class,'promise-picks')]//button[contains(.,'明天 15:00')]")).click();
        assertThat(browser.find("#promise-due").getAttribute("value"))
                .isEqualTo(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(tomorrowAtThree()));

        // a time already past is refused; the words typed stay in the form beside the reason
        browser.find("#promise").sendKeys("三点前回电说明退款");
        browser.js("arguments[0].value = '2020-01-01T09:00';", browser.find("#promise-due"));
        browser.find("#promise").submit();
        browser.waitForText("#ticket-alert .alert.error", "未来");
        assertThat(browser.find("#promise").getAttribute("value")).isEqualTo("三点前回电说明退款");
    }

    private static void assertFitsTheWindow(Browser browser, WebElement element, int width) {
        Number right = (Number) browser.js("return arguments[0].getBoundingClientRect().right;", element);
        assertThat(element.isDisplayed()).isTrue();
        assertThat(right.doubleValue()).as("inside a %d px window", width).isLessThanOrEqualTo(width);
    }
}
