package org.kept.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The top bar holds the day's work; reports and rarely used pages sit in two menus. An administrator who may see
 * everything still gets a bar that fits 1024 px without scrolling, the menus open by keyboard and close on Escape,
 * and an agent sees no menu entry they may not open.
 */
@KeptTest
class TopBarBrowserTest {

    @Autowired
    Fixtures fixtures;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void aLeadReachesTheReportsByKeyboardAndTheBarFits() {
        Browser browser = session.in("en").viewport(1440, 900);
        browser.signIn(fixtures.user("LEAD", "hotline").username()).open("/console");
        WebElement nav = browser.find(".topbar nav");
        assertThat(((Number) browser.js("return arguments[0].scrollWidth - arguments[0].clientWidth;", nav)).intValue())
                .as("at 1440 px every top-level link is visible without scrolling the bar").isLessThanOrEqualTo(0);
        // narrower, the links scroll inside the bar and the page never sideways
        browser.viewport(1024, 700).open("/console");
        assertThat(((Number) browser.js("return document.documentElement.scrollWidth;")).intValue()).isLessThanOrEqualTo(1024);

        browser.screenshot(java.nio.file.Path.of("/tmp/nav-lead.png"));
        WebElement reports = browser.find("details.navmenu summary");
        assertThat(reports.getText()).contains("Reports");
        reports.sendKeys(Keys.ENTER);
        WebElement calls = browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//details[@open]//a[normalize-space()='Calls']")));
        // the list is drawn below the bar, not clipped by it
        assertThat(calls.getRect().getY()).isGreaterThanOrEqualTo(40);
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.waitUntil(ExpectedConditions.invisibilityOf(calls));

        reports.click();
        browser.waitUntil(ExpectedConditions.elementToBeClickable(calls)).click();
        browser.waitUntil(ExpectedConditions.urlContains("/console/calls"));
        assertThat(browser.scriptErrors()).isEmpty();
    }

    @Test
    void anAgentSeesOnlyWhatTheyMayOpen() {
        Browser browser = session.get().viewport(1440, 900);
        browser.signIn(fixtures.user("AGENT", "hotline").username()).open("/console");
        List<String> menuLinks = browser.driver().findElements(By.cssSelector(".topbar details.navmenu a")).stream()
                .map(a -> a.getAttribute("href")).toList();
        assertThat(menuLinks).anyMatch(href -> href.endsWith("/console/my-shifts"))
                .noneMatch(href -> href.contains("/admin/") || href.contains("/reports/") || href.contains("/reconciliations"));
        // clicking elsewhere closes an open menu
        WebElement more = browser.find("details.navmenu summary");
        more.click();
        assertThat(browser.find("details.navmenu").getAttribute("open")).isNotNull();
        browser.click("main");
        assertThat(browser.find("details.navmenu").getAttribute("open")).isNull();
    }
}
