package org.kept.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;

/** A page someone may not open says so in their language, inside the console, not as a bare white-label page. */
@KeptTest
class ErrorPageTest {

    @Autowired
    Fixtures fixtures;

    @Test
    void aPlannerOpeningTheConsoleSeesAClearRefusalInChinese() throws Exception {
        CurrentUser planner = fixtures.user("PLANNER", null);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String login = browser.send(get("/login"), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login);
        assertThat(csrf.find()).isTrue();
        String form = "username=" + planner.username() + "&password=" + Fixtures.PASSWORD + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(fixtures.baseUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));

        HttpResponse<String> refused = browser.send(get("/console"), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("您的角色无权访问此页面").contains("返回首页").doesNotContain("Whitelabel")
                .contains(planner.displayName());
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(fixtures.baseUrl() + path)).header("Accept-Language", "zh-CN,zh;q=0.9")
                .header("Accept", "text/html").build();
    }
}
