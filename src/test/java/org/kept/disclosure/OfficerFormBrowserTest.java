package org.kept.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kept.identity.CurrentUser;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.TestClock;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The requesting officer's form at the agency's link, in headless Chromium and in zh-CN: filled from the keyboard
 * (Tab from field to field, Space on a checkbox, Enter to send), the documents uploaded, the confirmation shown; a
 * document that is not a PDF, JPEG or PNG and a missing field are refused with a clear message and nothing is stored;
 * a revoked, an expired and an unknown link each show the page that says the link is not valid.
 */
@KeptTest
class OfficerFormBrowserTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @TempDir
    Path files;

    CurrentUser lead;
    String key;
    long agencyId;

    @BeforeEach
    void anAgencyWithALink() throws IOException {
        lead = fixtures.user("COMPLIANCE_LEAD", null);
        JsonNode issued = fixtures.api(lead).post("/api/v1/disclosure/agencies", body("name", "浏览器测试派出所", "type",
                "PUBLIC_SECURITY", "region", "上海", "publishedLandline", "021-65001234", "validDays", 30)).expect(201).json();
        key = issued.path("link").asString().substring("/le/".length());
        agencyId = issued.path("agency").path("id").asLong();
        Files.write(files.resolve("notice.pdf"), "%PDF-1.4 调取证据通知书".getBytes(StandardCharsets.UTF_8));
        Files.write(files.resolve("case.pdf"), "%PDF-1.4 立案决定书".getBytes(StandardCharsets.UTF_8));
        Files.write(files.resolve("intro.pdf"), "%PDF-1.4 介绍信".getBytes(StandardCharsets.UTF_8));
        Files.write(files.resolve("notice-fake.pdf"), "MZ this is a program".getBytes(StandardCharsets.UTF_8));
    }

    long requests() {
        return jdbc.sql("select count(*) from disclosure_request where agency_id = ?").param(agencyId).query(Long.class).single();
    }

    long documents() {
        return jdbc.sql("select count(*) from disclosure_document d join disclosure_request r on r.id = d.request_id "
                + "where r.agency_id = ?").param(agencyId).query(Long.class).single();
    }

    /** Types into the focused field, then Tab to the next one, as a keyboard user does. */
    static void typeAndTab(Browser b, String text) {
        WebElement active = b.driver().switchTo().activeElement();
        active.sendKeys(text);
        active.sendKeys(Keys.TAB);
    }

    void fillFromTheKeyboard(Browser b, String caseNo) {
        b.find("select[name=requestType]").sendKeys(Keys.TAB);
        assertThat(b.driver().switchTo().activeElement().getDomAttribute("name")).isEqualTo("caseNo");
        typeAndTab(b, caseNo);
        typeAndTab(b, "刑事诉讼法第54条");
        typeAndTab(b, "李警官");
        typeAndTab(b, "021234");
        typeAndTab(b, "025678");
        typeAndTab(b, "13800138000");
        // the subject's kind stays ORDER; Tab past the select into the value
        b.driver().switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(b.driver().switchTo().activeElement().getDomAttribute("name")).isEqualTo("subjectValue");
        typeAndTab(b, "ORD-20261203-0001");
        WebElement first = b.driver().switchTo().activeElement();
        assertThat(first.getDomAttribute("name")).isEqualTo("fields");
        first.sendKeys(Keys.SPACE);
        assertThat(first.isSelected()).isTrue();
        // date pickers differ by locale; their values are set as a picker sets them
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        LocalDate today = LocalDate.now(clock.withZone(zone));
        b.js("arguments[0].value = arguments[1]", b.find("input[name=from]"), today.minusDays(30).toString());
        b.js("arguments[0].value = arguments[1]", b.find("input[name=to]"), today.minusDays(1).toString());
        b.js("arguments[0].value = arguments[1]", b.find("input[name=deadline]"),
                LocalDateTime.now(clock.withZone(zone)).plusDays(3).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
    }

    @Test
    void anOfficerFillsTheFormFromTheKeyboardUploadsTheDocumentsAndSeesTheConfirmationInChinese() {
        Browser b = session.get();
        long before = requests();
        b.open("/le/" + key);
        assertThat(b.text("#agency-name")).contains("浏览器测试派出所");
        assertThat(b.find("html").getDomAttribute("lang")).startsWith("zh");
        assertThat(b.text("#submit")).isEqualTo("提交申请");
        fillFromTheKeyboard(b, "沪公(浦)立字[2026]" + System.nanoTime() % 100000);
        b.find("#file-notice").sendKeys(files.resolve("notice.pdf").toString());
        b.find("#file-caseProof").sendKeys(files.resolve("case.pdf").toString());
        b.find("#file-introLetter").sendKeys(files.resolve("intro.pdf").toString());
        b.find("#submit").sendKeys(Keys.ENTER);
        String confirmation = b.waitForText("#submitted", "已收到");
        assertThat(confirmation).startsWith("申请 ");
        assertThat(requests()).isEqualTo(before + 1);
        assertThat(documents()).isEqualTo(3);
        assertThat(b.text("#agency-requests")).contains("沪公(浦)立字[2026]");
    }

    @Test
    void aBadDocumentOrAMissingFieldIsRefusedClearlyAndNothingIsStored() {
        Browser b = session.get();
        long before = requests();
        b.open("/le/" + key);
        // a missing required field: the browser itself stops the form and names the field
        b.find("#submit").sendKeys(Keys.ENTER);
        String why = (String) b.js("return document.querySelector('input[name=caseNo]').validationMessage;");
        assertThat(why).isNotBlank();
        assertThat(b.driver().getCurrentUrl()).doesNotContain("submitted=");
        fillFromTheKeyboard(b, "沪公(浦)立字[2026]" + System.nanoTime() % 100000);
        b.find("#file-notice").sendKeys(files.resolve("notice-fake.pdf").toString());
        b.find("#file-caseProof").sendKeys(files.resolve("case.pdf").toString());
        b.find("#submit").sendKeys(Keys.ENTER);
        String reason = b.waitForText("#file-notice-error", "仅接受 PDF、JPEG 或 PNG 文件");
        assertThat(reason).contains("按文件内容检查");
        assertThat(b.find("#file-notice").getDomAttribute("aria-describedby")).isEqualTo("file-notice-error");
        assertThat(b.find("#file-notice").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(b.driver().findElements(By.cssSelector(".alert.error[role=alert]"))).isNotEmpty();
        // what was typed is still there
        assertThat(b.find("input[name=officerName]").getDomProperty("value")).isEqualTo("李警官");
        assertThat(requests()).isEqualTo(before);
        assertThat(documents()).isZero();
        b.takeScriptErrors();
    }

    @Test
    void aRevokedAnExpiredOrAnUnknownLinkShowsAClearPage() {
        Browser b = session.get();
        fixtures.api(lead).post("/api/v1/disclosure/agencies/" + agencyId + "/revocation", body()).expect(200);
        b.open("/le/" + key);
        assertThat(b.waitForText("#unknown", "此链接无效")).contains("已撤销");
        assertThat(b.driver().findElements(By.id("officer-form"))).isEmpty();

        JsonNode shortLived = fixtures.api(lead).post("/api/v1/disclosure/agencies", body("name", "短期派出所", "type",
                "PUBLIC_SECURITY", "publishedLandline", "021-65009999", "validDays", 1)).expect(201).json();
        String expiring = shortLived.path("link").asString();
        try (var later = clock.moved(Duration.ofDays(2))) {
            b.open(expiring);
            assertThat(b.waitForText("#unknown", "此链接无效")).contains("已过期");
            assertThat(b.driver().findElements(By.id("officer-form"))).isEmpty();
        }
        b = session.in("en");
        b.open("/le/" + "q".repeat(43));
        assertThat(b.waitForText("#unknown", "This link is not valid")).contains("expired or revoked");
        b.takeScriptErrors();
    }
}
