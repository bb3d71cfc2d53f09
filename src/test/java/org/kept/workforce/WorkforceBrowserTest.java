package org.kept.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The workforce pages in a real browser (Debian's headless Chromium, zh-CN): the planner's calculator answers through
 * htmx, the charts draw, a roster is built, solved and published, an agent sees their shifts, and a handover is signed
 * by both sides — with no JavaScript error, CSP refusal or missing resource on the way. With
 * {@code -Dkept.workforce.screenshot=docs/workforce.png} it writes the planner screenshot.
 */
@KeptTest
class WorkforceBrowserTest {

    /** Installed before any page script runs, so errors thrown while a page loads are caught too. */
    private static final String ERROR_COLLECTOR = "window.keptErrors = [];"
            + "window.addEventListener('error', function (e) { window.keptErrors.push(String(e.message || e.type) + ' '"
            + " + (e.filename || (e.target && (e.target.src || e.target.href)) || '')); }, true);"
            + "window.addEventListener('unhandledrejection', function (e) { window.keptErrors.push('rejection ' + e.reason); });"
            + "document.addEventListener('securitypolicyviolation', function (e) {"
            + " window.keptErrors.push('CSP ' + e.violatedDirective + ' ' + e.blockedURI); });";

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    /** The shared browser support (start, skip or fail without Chromium, close); this test adds its own checks. */
    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    private ChromeDriver browser;
    private final List<String> errors = new ArrayList<>();

    @BeforeEach
    void startBrowser() {
        browser = (ChromeDriver) session.get().driver();
        browser.manage().window().setSize(new Dimension(1440, 1000));
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", ERROR_COLLECTOR));
    }

    @Test
    void aPlannerPlansAndPublishesAnAgentSeesShiftsAndAShiftIsHandedOver() throws IOException {
        String teamCode = "wfb-" + Long.toString(System.nanoTime(), 36);
        // through the admin API, so the directory's cached team list knows it (the roster form offers that list)
        long teamId = fixtures.api(fixtures.user("ADMIN", null)).post("/api/v1/admin/teams",
                Api.body("code", teamCode, "name", "浏览器排班组")).expect(201).id();
        List<CurrentUser> agents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            agents.add(fixtures.user("AGENT", teamCode));
        }
        CurrentUser plannerUser = fixtures.user("PLANNER", null);
        LocalDate day = LocalDate.of(2070, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));
        // a morning of hotline calls on the roster's day, so the solver has something to cover
        List<Integer> volumes = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            volumes.add(i >= 18 && i < 24 ? 12 : 0);
        }
        fixtures.api(plannerUser).put("/api/v1/workforce/forecast/overrides", Api.body("day", day.toString(), "channel", "PHONE",
                "kind", "MANUAL", "volumes", volumes)).expect(204);

        signIn(plannerUser.username());
        open("/console/workforce?day=" + day);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("排班计划");
        js("window.keptNoReload = 'still here';");
        type("calls", "100");
        type("intervalSeconds", "1800");
        type("ahtSeconds", "180");
        type("targetSeconds", "20");
        type("serviceLevel", "0.8");
        type("shrinkage", "0.3");
        browser.findElement(By.cssSelector("form.calculator button[type=submit]")).click();
        WebElement result = wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#calc-result table")));
        List<WebElement> cells = result.findElements(By.cssSelector("td.num"));
        assertThat(cells.get(0).getText()).isEqualTo("14");
        assertThat(cells.get(1).getText()).isEqualTo("20");
        assertThat(js("return window.keptNoReload;")).as("answered by htmx, not a page load").isEqualTo("still here");
        assertChartDrawn("required-chart");
        assertThat(js("return echarts.getInstanceByDom(document.getElementById('required-chart')).getOption()"
                + ".series.map(function (s) { return s.name; }).join(',');")).as("legend in Chinese").asString()
                .contains("热线").doesNotContain("HOTLINE");
        assertNoUntranslatedKeys();
        screenshot("");

        open("/console/workforce/rosters");
        assertNoUntranslatedKeys();
        WebElement name = browser.findElement(By.name("name"));
        name.clear();
        name.sendKeys("浏览器测试排班");
        new Select(browser.findElement(By.name("teamId"))).selectByValue(String.valueOf(teamId));
        js("document.querySelector('input[name=startsOn]').value = arguments[0];", day.toString());
        type("days", "1");
        type("seconds", "3");
        browser.findElement(By.cssSelector("form.filters button[type=submit].primary")).click();
        wait(10).until(ExpectedConditions.urlMatches("/console/workforce/rosters/\\d+$"));
        assertThat(browser.findElement(By.cssSelector("[data-poll] progress")).isDisplayed()).isTrue();
        WebElement coverage = wait(60).until(ExpectedConditions.presenceOfElementLocated(By.id("coverage-chart")));
        assertThat(coverage).isNotNull();
        collectErrors();
        assertChartDrawn("coverage-chart");
        assertNoUntranslatedKeys();
        assertThat(browser.findElements(By.cssSelector("main .scroll table tbody tr"))).as("shift grid rows").isNotEmpty();
        screenshot("-roster");
        browser.findElement(By.cssSelector(".toolbar button.primary")).click();
        // a roster that leaves gaps asks first, naming the shortfall (RosterPageBrowserTest); this one may or may not
        wait(10).until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("publish-confirm")),
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main .badge"), "已发布")));
        List<WebElement> confirm = browser.findElements(By.cssSelector("#publish-confirm button.primary"));
        if (!confirm.isEmpty()) {
            confirm.get(0).click();
        }
        wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main .badge"), "已发布"));
        collectErrors();

        CurrentUser outgoing = agents.get(0);
        CurrentUser incoming = agents.get(1);
        signOut();
        signIn(outgoing.username());
        open("/console/my-shifts?from=" + day);
        assertNoUntranslatedKeys();
        long mine = jdbc.sql("select count(*) from wf_shift where user_id = ?").param(outgoing.id()).query(Long.class).single();
        assertThat(mine).as("the solver gave the agent a shift").isPositive();
        assertThat(browser.findElements(By.cssSelector("main table.grid tbody tr"))).hasSize((int) mine);
        assertThat(browser.findElement(By.cssSelector("main table.grid tbody")).getText()).contains("热线");

        open("/console/handovers");
        assertNoUntranslatedKeys();
        new Select(browser.findElement(By.name("incomingId"))).selectByValue(String.valueOf(incoming.id()));
        browser.findElement(By.xpath("//form[@method='post']//button[contains(@class,'primary')]")).click();
        wait(10).until(ExpectedConditions.urlMatches("/console/handovers/\\d+$"));
        String sheet = browser.getCurrentUrl();
        assertNoUntranslatedKeys();
        // signing goes through the preview, with a confirmation
        browser.findElement(By.id("preview-sign")).click();
        wait(10).until(ExpectedConditions.urlMatches("/console/handovers/\\d+/preview$"));
        assertNoUntranslatedKeys();
        browser.findElement(By.id("notes")).sendKeys("客户王女士明早 9 点回电，工单已在系统中");
        browser.findElement(By.id("confirmed")).click();
        browser.findElement(By.cssSelector("form button.primary")).click();
        wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main .badge"), "已交班"));
        collectErrors();

        signOut();
        signIn(incoming.username());
        browser.get(sheet);
        collectErrors();
        browser.findElement(By.id("notes")).sendKeys("已阅，接班");
        browser.findElement(By.cssSelector("form button.primary")).click();
        wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main .badge"), "已完成"));
        assertNoUntranslatedKeys();
        collectErrors();
        assertThat(errors).as("JavaScript errors, CSP refusals and failed loads").isEmpty();
    }

    /** The page as a person sees it, when asked for: {@code -Dkept.workforce.screenshot=docs/workforce.png}. */
    private void screenshot(String suffix) throws IOException {
        String target = System.getProperty("kept.workforce.screenshot");
        if (target != null && !target.isBlank()) {
            js("window.scrollTo(0, 0);");
            Path file = Path.of(suffix.isEmpty() ? target : target.replace(".png", suffix + ".png"));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        }
    }

    private void assertChartDrawn(String id) {
        Object size = wait(10).until(d -> js("var el = document.querySelector('#" + id + " canvas, #" + id + " svg');"
                + "if (!el) return null; var r = el.getBoundingClientRect();"
                + "return r.width > 0 && r.height > 0 ? r.width + 'x' + r.height : null;"));
        assertThat(size).as(id + " drawn by echarts").isNotNull();
    }

    /** No ??key?? and no bare enum code (PHONE, HOTLINE …) anywhere in the page's text, folded parts included. */
    private void assertNoUntranslatedKeys() {
        String text = String.valueOf(js("return document.querySelector('main').textContent;"));
        assertThat(text).as("untranslated message keys on " + browser.getCurrentUrl()).doesNotContain("??")
                .doesNotContainPattern("\\b(PHONE|EMAIL|WECHAT|PORTAL|HOTLINE|AFTER_SALES|COMPLAINTS)\\b");
    }

    /** What went wrong on the current page: the page's own collector and the browser's console (CSP, 404s). */
    @SuppressWarnings("unchecked")
    private void collectErrors() {
        Object seen = js("return window.keptErrors || [];");
        ((List<Object>) seen).forEach(e -> errors.add(browser.getCurrentUrl() + ": " + e));
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                errors.add(entry.getLevel() + " " + entry.getMessage());
            }
        }
    }

    private void open(String path) {
        if (browser.getCurrentUrl().startsWith("http")) {
            collectErrors();
        }
        browser.get(fixtures.baseUrl() + path);
    }

    private void type(String field, String value) {
        WebElement input = browser.findElement(By.name(field));
        input.clear();
        input.sendKeys(value);
    }

    private WebDriverWait wait(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private void signIn(String username) {
        browser.get(fixtures.baseUrl() + "/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(10).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    private void signOut() {
        collectErrors();
        browser.manage().deleteAllCookies();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }
}
