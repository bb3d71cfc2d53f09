package org.kept.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Debian's headless Chromium driven by Selenium, as a person in zh-CN sees Kept. Skips when Chromium is not installed,
 * unless {@code KEPT_REQUIRE_BROWSER=true} (CI), where a missing browser fails. Collects the browser's console so a
 * test can assert that the pages raised no JavaScript error (nor a content-security-policy violation).
 *
 * <p>Registered on a {@code @KeptTest} class as {@code @RegisterExtension final Browser.Session browser = new Browser.Session();}:
 * each test gets a fresh browser pointed at the running application, and fails if the console showed a script error.
 */
public final class Browser implements AutoCloseable {

    /** One browser per test, started before it and closed after it, with the console checked for script errors. */
    public static final class Session implements BeforeEachCallback, AfterEachCallback {

        private String baseUrl;
        private Browser browser;

        @Override
        public void beforeEach(ExtensionContext context) {
            baseUrl = "http://127.0.0.1:" + SpringExtension.getApplicationContext(context).getEnvironment()
                    .getProperty("local.server.port");
            browser = start(baseUrl);
        }

        @Override
        public void afterEach(ExtensionContext context) {
            if (browser != null) {
                try {
                    assertThat(browser.scriptErrors()).as("JavaScript errors in the browser console").isEmpty();
                } finally {
                    browser.close();
                    browser = null;
                }
            }
        }

        /** The browser of the running test. */
        public Browser get() {
            return browser;
        }

        /**
         * A browser that asks for pages in this language ({@code "zh-CN"} or {@code "en"}): the current one is checked
         * and closed and a fresh one started, as a person with another browser setting.
         */
        public Browser in(String language) {
            assertThat(browser.scriptErrors()).as("JavaScript errors in the browser console").isEmpty();
            browser.close();
            browser = start(baseUrl, language);
            return browser;
        }

        /** Another person at another browser: the current one is checked and closed, a fresh one started. */
        public Browser restart() {
            assertThat(browser.scriptErrors()).as("JavaScript errors in the browser console").isEmpty();
            browser.close();
            browser = start(baseUrl);
            return browser;
        }

        /** Another browser whose pages come in other languages ("en", "zh-CN,zh"): the current one is checked and closed. */
        public Browser restartIn(String acceptLanguages) {
            assertThat(browser.scriptErrors()).as("JavaScript errors in the browser console").isEmpty();
            browser.close();
            browser = start(baseUrl, acceptLanguages);
            return browser;
        }
    }

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver driver;
    private final Path profile;
    private final String baseUrl;
    /** Console errors already read from the driver (reading the log empties it). */
    private final List<String> errors = new ArrayList<>();

    private Browser(WebDriver driver, Path profile, String baseUrl) {
        this.driver = driver;
        this.profile = profile;
        this.baseUrl = baseUrl;
    }

    /** A fresh browser with its own profile (no cookies shared between tests), pointed at the application. */
    public static Browser start(String baseUrl) {
        return start(baseUrl, "zh-CN,zh");
    }

    /** A fresh browser whose Accept-Language is {@code acceptLanguages}. */
    public static Browser start(String baseUrl, String acceptLanguages) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            if ("true".equals(System.getenv("KEPT_REQUIRE_BROWSER"))) {
                fail("KEPT_REQUIRE_BROWSER=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
            }
            // a newcomer's machine without Chromium skips; CI installs it and sets KEPT_REQUIRE_BROWSER, so there it fails
            abort("chromium and chromedriver are not installed; skipping the browser test");
        }
        // Selenium Manager must not try to download a browser or driver: both come from the system
        System.setProperty("SE_OFFLINE", "true");
        Path profile;
        try {
            profile = Files.createTempDirectory("kept-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=" + acceptLanguages.split(",")[0],
                "--user-data-dir=" + profile);
        // headless Chromium ignores --lang for Accept-Language; the preference is what pages see
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguages));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("SE_OFFLINE", "true"))
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1440, 900));
        return new Browser(driver, profile, baseUrl);
    }

    /** Resizes the window's viewport to exactly this many CSS pixels (a 1024×700 screen, say). */
    public Browser viewport(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        // the window's frame (if any) takes some of it: grow the window by what the page did not get
        Number innerW = (Number) js("return window.innerWidth;");
        Number innerH = (Number) js("return window.innerHeight;");
        driver.manage().window().setSize(new Dimension(2 * width - innerW.intValue(), 2 * height - innerH.intValue()));
        return this;
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a page of the application by its path. */
    public Browser open(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    /** Signs in through the login form, as a person would. */
    public Browser signIn(String username) {
        open("/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitUntil(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
        return this;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /**
     * Clicks the element; one that htmx or the push stream swaps between the lookup and the click (a list re-rendered
     * by a new message) is looked up again and clicked, where {@code find(css).click()} failed on the swap.
     */
    public void click(String css) {
        waitUntil(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    /**
     * The element's text; an element htmx or the push stream swaps between the lookup and the read is looked up again,
     * so a test reads what the page shows rather than failing on the swap.
     */
    public String text(String css) {
        return waitUntil(d -> d.findElement(By.cssSelector(css)).getText());
    }

    /** An attribute of the element, read again if the element is swapped between the lookup and the read. */
    public String attribute(String css, String name) {
        return waitUntil(d -> java.util.Optional.ofNullable(d.findElement(By.cssSelector(css)).getAttribute(name))).orElse(null);
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Marks the window; the mark survives an htmx swap but not a page load. */
    public void markWindow() {
        js("window.keptNoReload = 'still here';");
    }

    /** Whether the window marked by {@link #markWindow()} is still the same document (no full reload happened). */
    public boolean notReloaded() {
        return "still here".equals(js("return window.keptNoReload;"));
    }

    public <T> T waitUntil(ExpectedCondition<T> condition) {
        // a swapped element (htmx, server push) is read again on the next poll, not a failure
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** Waits until the element's text contains the fragment; returns the whole text. */
    public String waitForText(String css, String fragment) {
        return waitUntil(d -> {
            String text = d.findElement(By.cssSelector(css)).getText();
            return text.contains(fragment) ? text : null;
        });
    }

    /**
     * The console messages of level SEVERE seen so far: uncaught JavaScript errors, content-security-policy violations,
     * failed scripts. A refused request a test provokes on purpose (a 409) is logged too; callers filter those.
     */
    public List<String> consoleErrors() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        return List.copyOf(errors);
    }

    /** The console errors that are not a response status a test provoked on purpose. */
    public List<String> scriptErrors() {
        return consoleErrors().stream().filter(m -> !m.contains("the server responded with a status of")).toList();
    }

    /** The errors so far, forgotten afterwards (for a test that raises one on purpose). */
    public List<String> takeScriptErrors() {
        List<String> seen = scriptErrors();
        errors.clear();
        return seen;
    }

    /** Writes a PNG of the window to the file (its folder is made). */
    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
