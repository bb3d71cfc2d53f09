package org.kept.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.identity.CurrentUser;
import org.kept.support.Api;
import org.kept.support.Rosters;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The roster page as a planner reads it, in zh-CN and en: distinct, explained shift codes; only the roster's own
 * skills in the gaps; the solver's score in words; a chart whose legend has the bars' colours; a short roster
 * published only after a confirmation that names the shortfall; and a new version that replaces a published one,
 * the old one kept as replaced and audited.
 */
@KeptTest
class RosterPageBrowserTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    /** A hotline team of three, a day with far more calls than three can take, and chat contacts the team cannot take. */
    record ShortRoster(long id, CurrentUser planner) {
    }

    ShortRoster shortRosterSolved() {
        String teamCode = "rpb-" + Long.toString(System.nanoTime(), 36);
        long teamId = fixtures.api(fixtures.user("ADMIN", null)).post("/api/v1/admin/teams",
                Api.body("code", teamCode, "name", "排班页测试组")).expect(201).id();
        for (int i = 0; i < 3; i++) {
            fixtures.user("AGENT", teamCode);
        }
        CurrentUser planner = fixtures.user("PLANNER", null);
        Api api = fixtures.api(planner);
        LocalDate day = LocalDate.of(2080, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));
        List<Integer> volumes = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            volumes.add(i >= 16 && i < 36 ? 200 : 0);
        }
        for (String channel : List.of("PHONE", "CHAT")) {
            api.put("/api/v1/workforce/forecast/overrides", Api.body("day", day.toString(), "channel", channel,
                    "kind", "MANUAL", "volumes", volumes)).expect(204);
        }
        long id = api.post("/api/v1/workforce/rosters", Api.body("name", "排班页测试", "teamId", teamId,
                "startsOn", day.toString(), "days", 1)).expect(201).id();
        api.post("/api/v1/workforce/rosters/" + id + "/solve?seconds=2", null).expect(202);
        Rosters.awaitState(api, id, "SOLVED");
        return new ShortRoster(id, planner);
    }

    @Test
    void inChineseTheCodesScoreGapsAndChartExplainThemselves() {
        ShortRoster roster = shortRosterSolved();
        Browser browser = session.get().signIn(roster.planner().username());
        browser.open("/console/workforce/rosters/" + roster.id());
        String legend = browser.text("#legend");
        assertThat(legend).contains("早 = 早班 07:00–15:30", "晚 = 晚班 15:30–00:00", "夜 = 夜班（12 小时） 20:00–08:00",
                "热 = 热线", "在 = 在线客服");
        assertCellsUseDistinctCodesFromTheLegend(browser);
        assertThat(shortSkills(browser)).as("only the roster's own skill is short, never the chat nobody on it takes")
                .containsOnly("热线");
        assertThat(browser.text(".score-words ul")).contains("所有工时规则均已遵守", "个需要的半小时坐席时段无人值守")
                .doesNotContain("hard", "medium", "soft");
        assertLegendColoursAreTheBarColours(browser, "在岗（满足需求）", "在岗（低于需求）", "需求");

        browser.open("/console/workforce/rosters");
        String row = browser.driver().findElement(By.xpath("//a[@href='/console/workforce/rosters/" + roster.id() + "']/ancestor::tr"))
                .getText();
        assertThat(row).as("the list says the score in words too").contains("合规", "个半小时无人值守", "公平扣分")
                .doesNotContain("hard", "medium", "soft");
    }

    @Test
    void inEnglishTheSameAndAShortRosterIsPublishedOnlyAfterAConfirmationThenReplacedByANewVersion() {
        ShortRoster roster = shortRosterSolved();
        Browser browser = session.get();
        english(browser);
        browser.signIn(roster.planner().username());
        browser.open("/console/workforce/rosters/" + roster.id());
        String legend = browser.text("#legend");
        assertThat(legend).contains("EA = Early 07:00–15:30", "EV = Evening 15:30–00:00", "Tel = Hotline", "Chat = Online chat");
        assertCellsUseDistinctCodesFromTheLegend(browser);
        assertThat(shortSkills(browser)).containsOnly("Hotline");
        assertThat(browser.text(".score-words ul")).contains("Every working-time rule is kept", "required half-hours of agent time");
        assertLegendColoursAreTheBarColours(browser, "At work, requirement met", "At work, short of the requirement", "Required");

        // one click does not publish a short roster: it asks, naming the shortfall
        browser.click(".toolbar button.primary");
        WebElement confirm = browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("publish-confirm")));
        assertThat(confirm.getText()).contains("of the required intervals are not covered", "%");
        assertThat(state(roster.id())).isEqualTo("SOLVED");
        confirm.findElement(By.linkText("Cancel")).click();
        browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("publish-confirm")));
        assertThat(state(roster.id())).isEqualTo("SOLVED");
        browser.click(".toolbar button.primary");
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("publish-confirm")))
                .findElement(By.cssSelector("button.primary")).click();
        browser.waitForText("main .badge", "Published");
        assertThat(state(roster.id())).isEqualTo("PUBLISHED");

        // a new version replaces it once published; the old one stays, marked, linked, and audited
        String publishedUrl = browser.driver().getCurrentUrl();
        browser.click(".toolbar form[action$='/versions'] button");
        browser.waitUntil(ExpectedConditions.not(ExpectedConditions.urlToBe(publishedUrl)));
        long version = Long.parseLong(browser.driver().getCurrentUrl().replaceAll(".*/rosters/(\\d+).*", "$1"));
        assertThat(version).isNotEqualTo(roster.id());
        Rosters.awaitState(fixtures.api(roster.planner()), version, "SOLVED");
        assertThat(state(roster.id())).as("still what agents see until the new version is published").isEqualTo("PUBLISHED");
        browser.open("/console/workforce/rosters/" + version);
        assertThat(browser.text("main")).contains("New version of roster " + roster.id());
        browser.click(".toolbar button.primary");
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("publish-confirm")))
                .findElement(By.cssSelector("button.primary")).click();
        browser.waitForText("main .badge", "Published");
        assertThat(state(roster.id())).isEqualTo("SUPERSEDED");
        assertThat(state(version)).isEqualTo("PUBLISHED");
        browser.open("/console/workforce/rosters/" + roster.id());
        assertThat(browser.text("main .badge")).isEqualTo("Replaced by a newer version");
        assertThat(browser.text("main")).contains("Newer version: roster " + version);
        assertThat(browser.driver().findElements(By.cssSelector(".toolbar form"))).as("nothing to do on a replaced roster")
                .isEmpty();
        assertThat(jdbc.sql("select actor || ' ' || action || ' ' || details from audit_entry where subject = ? order by id")
                .param("roster:" + roster.id()).query(String.class).list())
                .contains(roster.planner().username() + " roster.version new version roster:" + version + " started",
                        roster.planner().username() + " roster.replace replaced by roster:" + version + " (排班页测试)");
    }

    private String state(long id) {
        return jdbc.sql("select state from wf_roster where id = ?").param(id).query(String.class).single();
    }

    /** The skills of the call-back suggestions (one row per short stretch); there are some, the roster is short. */
    private static List<String> shortSkills(Browser browser) {
        List<String> skills = browser.driver().findElements(By.cssSelector("main table.compact tbody tr.under td:nth-child(2)"))
                .stream().map(WebElement::getText).toList();
        assertThat(skills).as("call-back rows").isNotEmpty();
        return skills;
    }

    /** Every code in the grid is one of the legend's, and no two shift types (or skills) share a code. */
    private static void assertCellsUseDistinctCodesFromTheLegend(Browser browser) {
        List<String> codes = browser.driver().findElements(By.cssSelector("#legend .legend-entry b")).stream()
                .map(WebElement::getText).toList();
        assertThat(codes).as("5 shift types and 4 skills").hasSize(9).doesNotHaveDuplicates();
        List<WebElement> cells = browser.driver().findElements(By.cssSelector("main .scroll table tbody td abbr"));
        assertThat(cells).as("the solver gave shifts").isNotEmpty();
        Set<String> seen = new HashSet<>();
        for (WebElement cell : cells) {
            String[] parts = cell.getText().split("·");
            assertThat(codes).contains(parts[0], parts[1]);
            assertThat(cell.getAttribute("title")).as("the cell in words").isNotBlank();
            seen.add(cell.getText());
        }
        assertThat(seen).isNotEmpty();
    }

    /** Each series draws in one colour, the one its legend symbol shows, and the names are the legend's words. */
    private static void assertLegendColoursAreTheBarColours(Browser browser, String met, String shortOf, String required) {
        browser.waitUntil(d -> browser.js("var el = document.getElementById('coverage-chart');"
                + "return typeof echarts !== 'undefined' && echarts.getInstanceByDom(el) ? true : null;"));
        Object series = browser.js("var chart = echarts.getInstanceByDom(document.getElementById('coverage-chart'));"
                + "return chart.getOption().series.map(function (s, i) {"
                + "  var perItem = (s.data || []).some(function (d) { return d && typeof d === 'object' && d.itemStyle; });"
                + "  return s.name + '|' + (s.itemStyle && s.itemStyle.color) + '|' + perItem"
                + "    + '|' + chart.getModel().getSeriesByIndex(i).getData().getVisual('style').fill; });");
        @SuppressWarnings("unchecked")
        List<String> rows = (List<String>) series;
        assertThat(rows).hasSize(3);
        Map<String, String> colours = Map.of(met, "#2e7d32", shortOf, "#c62828", required, "#333333");
        for (String row : rows) {
            String[] f = row.split("\\|");
            assertThat(colours).as(row).containsKey(f[0]);
            assertThat(f[1]).as("series colour of " + f[0]).isEqualTo(colours.get(f[0]));
            assertThat(f[2]).as("no bar of " + f[0] + " paints itself another colour").isEqualTo("false");
            assertThat(f[3]).as("the legend symbol's colour of " + f[0]).isEqualTo(colours.get(f[0]));
        }
    }

    /** Pages choose their language from the browser's Accept-Language; this browser asks for English. */
    private static void english(Browser browser) {
        ChromeDriver chrome = (ChromeDriver) browser.driver();
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Accept-Language", "en")));
    }
}
