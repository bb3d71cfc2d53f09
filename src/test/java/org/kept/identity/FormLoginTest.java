package org.kept.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** People sign in on a page: a session cookie, a CSRF token in the form, and the same throttle as the API. */
@KeptTest
class FormLoginTest {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    HttpClient browser;
    CurrentUser user;

    @BeforeEach
    void aBrowserWithItsOwnCookies() {
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        user = fixtures.user("AGENT");
    }

    @Test
    void theLoginPageRendersAFormWithACsrfToken() throws Exception {
        HttpResponse<String> page = get("/login", "en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("name=\"username\"", "name=\"password\"", "Sign in");
        assertThat(CSRF.matcher(page.body()).find()).isTrue();
        assertThat(get("/login", "zh-CN").body()).contains("登录", "用户名", "密码");
    }

    @Test
    void aWrongPasswordRedirectsBackToTheLoginPageWithAnError() throws Exception {
        HttpResponse<String> response = signIn(user.username(), "wrong-password");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(location(response)).endsWith("/login?error");
        assertThat(get("/login?error", "en").body()).contains("Wrong username or password.");
    }

    @Test
    void theRightPasswordOpensASessionThatLandsOnTheConsole() throws Exception {
        HttpResponse<String> response = signIn(user.username(), Fixtures.PASSWORD);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(location(response)).doesNotContain("/login");
        HttpResponse<String> home = get("/", "en");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(location(home)).endsWith("/console");
        assertThat(audited("login.success")).isEqualTo(1);
    }

    @Test
    void thePageSessionDoesNotOpenTheApiSoNoCrossSiteRequestCanRideOnIt() throws Exception {
        assertThat(signIn(user.username(), Fixtures.PASSWORD).statusCode()).isEqualTo(302);
        assertThat(get("/", "en").statusCode()).as("signed in").isEqualTo(302);
        HttpResponse<String> api = get("/api/v1/tickets", "en");
        assertThat(api.statusCode()).isEqualTo(401);
        HttpResponse<String> write = post("/api/v1/tickets/1/notes", "body=x");
        assertThat(write.statusCode()).isIn(401, 403);
    }

    @Test
    void formLoginsAreAuditedLikeTokenRequests() throws Exception {
        signIn(user.username(), "wrong-password");
        assertThat(audited("login.failure")).isEqualTo(1);
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefused() throws Exception {
        get("/login", "en");
        HttpResponse<String> response = post("/login", "username=" + user.username() + "&password=" + Fixtures.PASSWORD);
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void afterFiveWrongPasswordsThePageSaysToWait() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(location(signIn(user.username(), "guess-" + i))).endsWith("/login?error");
        }
        HttpResponse<String> sixth = signIn(user.username(), Fixtures.PASSWORD);
        assertThat(location(sixth)).endsWith("/login?throttled");
        assertThat(get("/login?throttled", "zh-CN").body()).contains("登录失败次数过多");
    }

    @Test
    void anUnknownPageForASignedInPersonIsAnErrorPageNotAProblemDocument() throws Exception {
        signIn(user.username(), Fixtures.PASSWORD);
        HttpResponse<String> missing = browser.send(
                HttpRequest.newBuilder(URI.create(fixtures.baseUrl() + "/no-such-page")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).doesNotContain("problem");
    }

    @Test
    void aPasswordResetEndsTheOpenBrowserSession() throws Exception {
        signIn(user.username(), Fixtures.PASSWORD);
        assertThat(get("/console", "en").statusCode()).as("signed in").isEqualTo(200);
        fixtures.api(fixtures.user("ADMIN")).post("/api/v1/admin/users/" + user.id() + "/password",
                org.kept.support.Api.body("password", "a-new-password-1")).expect(204);
        HttpResponse<String> after = get("/console", "en");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(location(after)).endsWith("/login");
    }

    @Test
    void disablingEndsTheOpenBrowserSessionEvenIfTheAccountIsEnabledAgainBeforeItsNextRequest() throws Exception {
        signIn(user.username(), Fixtures.PASSWORD);
        assertThat(get("/console", "en").statusCode()).as("signed in").isEqualTo(200);
        var admin = fixtures.api(fixtures.user("ADMIN"));
        long hotline = fixtures.team("hotline");
        admin.put("/api/v1/admin/users/" + user.id(), org.kept.support.Api.body("displayName", user.displayName(),
                "role", "AGENT", "teamId", hotline, "enabled", false)).expect(200);
        admin.put("/api/v1/admin/users/" + user.id(), org.kept.support.Api.body("displayName", user.displayName(),
                "role", "AGENT", "teamId", hotline, "enabled", true)).expect(200);
        HttpResponse<String> after = get("/console", "en");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(location(after)).endsWith("/login");
        assertThat(signIn(user.username(), Fixtures.PASSWORD).statusCode()).as("signs in again").isEqualTo(302);
        assertThat(get("/console", "en").statusCode()).isEqualTo(200);
    }

    @Test
    void theSessionCookieIsSecureWhenATrustedProxySaysTheBrowserUsedHttps() throws Exception {
        HttpClient viaProxy = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> https = viaProxy.send(HttpRequest.newBuilder(URI.create(fixtures.baseUrl() + "/login"))
                .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(https.headers().allValues("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).startsWith("JSESSIONID=").containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly"));
        HttpResponse<String> http = viaProxy.send(HttpRequest.newBuilder(URI.create(fixtures.baseUrl() + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(http.headers().allValues("Set-Cookie")).as("plain HTTP on a developer's machine still works")
                .isNotEmpty().noneSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("Secure"));
    }

    private long audited(String action) {
        return jdbc.sql("select count(*) from audit_entry where subject = ? and action = ?")
                .params("user:" + user.username(), action).query(Long.class).single();
    }

    private HttpResponse<String> signIn(String username, String password) throws Exception {
        Matcher csrf = CSRF.matcher(get("/login", "en").body());
        assertThat(csrf.find()).isTrue();
        return post("/login", "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1)));
    }

    private HttpResponse<String> get(String path, String language) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create(fixtures.baseUrl() + path)).header("Accept-Language", language)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create(fixtures.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
