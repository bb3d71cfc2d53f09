package org.kept.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kept.identity.internal.FirstStart;
import org.kept.shared.Centre;
import org.kept.shared.CentreZone;
import org.kept.shared.KeptException;
import org.kept.support.FreshKept;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A centre started on an empty database (PostgreSQL when the tests run on it) has nobody who can sign in: the one-time
 * setup link creates the first administrator over HTTP, who then signs in; afterwards the link is dead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstStartTest {

    static FreshKept kept;
    final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void startOnAnEmptyDatabase() {
        kept = FreshKept.start();
    }

    @AfterAll
    static void stop() {
        if (kept != null) {
            kept.close();
        }
    }

    @Test
    @Order(1)
    void everyInstanceOffersTheSameLinkWhileNobodyCanAdminister() throws Exception {
        FirstStart firstStart = kept.bean(FirstStart.class);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> links = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            links.add(pool.submit(() -> firstStart.openLink().orElseThrow()));
        }
        List<String> tokens = new ArrayList<>();
        for (Future<String> link : links) {
            tokens.add(link.get());
        }
        pool.shutdown();
        assertThat(tokens).hasSize(4).containsOnly(tokens.get(0));
        assertThat(tokens.get(0)).hasSizeGreaterThanOrEqualTo(40);
        assertThat(kept.bean(JdbcClient.class).sql("select count(*) from setup_token").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void theSetupPageCreatesTheAdministratorWhoThenSignsInAndTheLinkDies() throws Exception {
        String token = kept.bean(FirstStart.class).openLink().orElseThrow();
        assertThat(get("/setup?token=wrong-" + token, "en").statusCode()).isEqualTo(404);
        assertThat(get("/setup", "en").statusCode()).isEqualTo(404);

        HttpResponse<String> page = get("/setup?token=" + token, "zh-CN");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("设置 Kept", "中心名称", "时区", "第一个班组", "name=\"_csrf\"");
        assertThat(get("/setup?token=" + token, "en").body()).contains("Set Kept up", "Centre name", "Time zone");

        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", token);
        form.put("username", "chief");
        form.put("displayName", "<b>周主任</b>");
        form.put("password", "first-admin-pass");
        form.put("passwordAgain", "something-else");
        form.put("centreName", "<script>alert(1)</script>华东客服中心");
        form.put("timeZone", "Europe/Berlin");
        form.put("teamCode", "east-hotline");
        form.put("teamName", "华东热线组");

        // refused input: the reason beside its field, what was typed shown again but escaped, nothing stored
        HttpResponse<String> refused = post("/setup", form, csrf("/setup?token=" + token), "en");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"passwordAgain-error\"", "The two passwords are not the same.")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;华东客服中心").doesNotContain("<script>alert(1)")
                .doesNotContain("something-else");
        form.put("passwordAgain", "first-admin-pass");
        form.put("timeZone", "Mars/Olympus");
        assertThat(post("/setup", form, csrf("/setup?token=" + token), "zh-CN").body())
                .contains("id=\"timeZone-error\"", "未知的时区 Mars/Olympus");
        form.put("timeZone", "Europe/Berlin");
        form.put("password", "short");
        form.put("passwordAgain", "short");
        assertThat(post("/setup", form, csrf("/setup?token=" + token), "en").body()).contains("id=\"password-error\"");
        form.put("password", "first-admin-pass");
        form.put("passwordAgain", "first-admin-pass");
        assertThat(post("/setup", form, null, "en").statusCode()).as("no CSRF token").isEqualTo(403);
        JdbcClient jdbc = kept.bean(JdbcClient.class);
        assertThat(jdbc.sql("select count(*) from app_user where username = 'chief'").query(Long.class).single()).isZero();

        HttpResponse<String> done = post("/setup", form, csrf("/setup?token=" + token), "en");
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location").orElse("")).endsWith("/login?setup");
        assertThat(get("/login?setup", "en").body()).contains("Kept is set up.");

        // the link is dead, on every instance: 410 for the used link, 404 for any other
        HttpResponse<String> gone = get("/setup?token=" + token, "en");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("no longer works");
        assertThat(post("/setup", form, csrf("/login"), "en").statusCode()).isEqualTo(410);
        assertThat(kept.bean(FirstStart.class).openLink()).isEmpty();

        // the administrator signs in on the page and through the API
        HttpResponse<String> signedIn = post("/login", Map.of("username", "chief", "password", "first-admin-pass"),
                csrf("/login"), "en");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        HttpResponse<String> users = get("/admin/users", "en");
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(users.body()).contains("chief", "&lt;b&gt;周主任&lt;/b&gt;");
        kept.api().post("/api/v1/auth/tokens", body("username", "chief", "password", "first-admin-pass")).expect(200);

        // the centre, its zone and its first team
        assertThat(kept.bean(Centre.class).name()).contains("<script>alert(1)</script>华东客服中心");
        assertThat(kept.bean(CentreZone.class).zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(jdbc.sql("select name from team where code = 'east-hotline'").query(String.class).single()).isEqualTo("华东热线组");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'user.create' and subject = 'user:chief'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void twoInstancesFinishingSetupAtOnceMakeOneAdministrator() throws Exception {
        JdbcClient jdbc = kept.bean(JdbcClient.class);
        // a centre without administrator again (the first one left), so a new link opens
        jdbc.sql("update app_user set enabled = false where username = 'chief'").update();
        jdbc.sql("delete from setup_token").update();
        FirstStart firstStart = kept.bean(FirstStart.class);
        String token = firstStart.openLink().orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<String>> racers = List.of(race(firstStart, token, "racer-a"), race(firstStart, token, "racer-b"));
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : pool.invokeAll(racers)) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        assertThat(outcomes).containsOnlyOnce("created").hasSize(2);
        assertThat(jdbc.sql("select count(*) from app_user where username like 'racer-%'").query(Long.class).single())
                .isEqualTo(1);
        assertThat(firstStart.link(token)).isEqualTo(FirstStart.Link.USED);
    }

    private static Callable<String> race(FirstStart firstStart, String token, String username) {
        return () -> {
            try {
                firstStart.complete(token, new FirstStart.Setup(username, username, "racer-password", "racer-password",
                        "Centre " + username, "Asia/Shanghai", "team-" + username, "Team " + username));
                return "created";
            } catch (KeptException e) {
                return e.status().value() + " " + e.messageKey();
            } catch (RuntimeException e) {
                return "failed " + e;
            }
        };
    }

    private String csrf(String path) throws Exception {
        Matcher m = FormLoginTest.CSRF.matcher(get(path, "en").body());
        assertThat(m.find()).as("CSRF token on " + path).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(String path, String language) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(kept.baseUrl() + path)).header("Accept-Language", language).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> fields, String csrf, String language) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        String form = all.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return browser.send(HttpRequest.newBuilder(URI.create(kept.baseUrl() + path)).header("Accept-Language", language)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
