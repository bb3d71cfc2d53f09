package org.kept.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.phone.internal.AmiLine;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The administrator's Asterisk AMI settings page: only administrators open or save it, a form without the CSRF token
 * is refused, wrong fields are named, the secret is never shown back, each save is audited, and a saved change is
 * taken without a restart: the adapter leaves one stand-in PBX (replaying an AMI transcript) for another and the
 * second one's calls arrive as the newly named integration's.
 */
@KeptTest
class AsteriskSettingsTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AmiLine line;

    @AfterEach
    void backToTheProperties() {
        jdbc.sql("delete from phone_asterisk_settings").update();
        line.reload();
    }

    @Test
    void onlyAdministratorsOpenOrSaveTheSettings() throws Exception {
        Session admin = new Session(fixtures.user("ADMIN"));
        assertThat(admin.get("/admin/asterisk").statusCode()).isEqualTo(200);
        for (String role : List.of("OUTSOURCED", "AGENT", "LEAD", "COMPLAINTS", "COMPLIANCE", "COMPLIANCE_LEAD", "PLANNER")) {
            Session other = new Session(fixtures.user(role));
            assertThat(other.get("/admin/asterisk").statusCode()).as(role).isEqualTo(403);
            assertThat(other.post("/admin/asterisk", form(false, "127.0.0.1", "5038", "kept", "x", "asterisk"), true)
                    .statusCode()).as(role).isEqualTo(403);
        }
        HttpClient anonymous = HttpClient.newHttpClient();
        HttpResponse<String> signIn = anonymous.send(HttpRequest.newBuilder(URI.create(fixtures.baseUrl() + "/admin/asterisk"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        // a form without the page's CSRF token is refused, even from an administrator
        assertThat(admin.post("/admin/asterisk", form(true, "127.0.0.1", "5038", "kept", "x", "asterisk"), false)
                .statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from phone_asterisk_settings").query(Long.class).single()).isZero();
    }

    @Test
    void wrongFieldsAreNamedAndNothingIsSaved() throws Exception {
        Session admin = new Session(fixtures.user("ADMIN"));
        String page = admin.post("/admin/asterisk", form(true, "", "99999", "has space", "", ""), true).body();
        assertThat(page).contains("host name or IP address", "Enter a port between 1 and 65535",
                "Enter the AMI user name", "secret (up to 200 characters)", "Name the integration", "Nothing was saved");
        assertThat(jdbc.sql("select count(*) from phone_asterisk_settings").query(Long.class).single()).isZero();
        String zh = admin.language("zh-CN").post("/admin/asterisk", form(true, "127.0.0.1", "0", "kept", "x", "asterisk"), true)
                .body();
        assertThat(zh).contains("请输入 1 到 65535 之间的端口");
    }

    @Test
    void aSavedChangeMovesTheConnectionToTheNewPbxWithoutARestart() throws Exception {
        CurrentUser adminUser = fixtures.user("ADMIN");
        Session admin = new Session(adminUser);
        String run = String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
        String first = "ami-first-" + System.nanoTime();
        String second = "ami-second-" + System.nanoTime();
        try (AmiReplay pbx1 = new AmiReplay(call("1796090400.501", "139" + run + "0501"), "kept", "first-secret");
             AmiReplay pbx2 = new AmiReplay(call("1796090400.502", "139" + run + "0502"), "kept2", "second-secret")) {
            HttpResponse<String> saved = admin.post("/admin/asterisk",
                    form(true, "127.0.0.1", String.valueOf(pbx1.port()), "kept", "first-secret", first), true);
            assertThat(saved.statusCode()).isEqualTo(302);
            await().atMost(Duration.ofSeconds(30)).until(() -> ended(first, "1796090400.501"));
            await().atMost(Duration.ofSeconds(10)).until(() -> "CONNECTED".equals(line.live().state()));
            String page = admin.get("/admin/asterisk").body();
            assertThat(page).contains("data-state=\"CONNECTED\"", "127.0.0.1:" + pbx1.port()).doesNotContain("first-secret");
            assertThat(page).doesNotContain("id=\"ami-last-event\">never");

            // the PBX moves: new port, user and secret, and its calls go to another integration; no restart
            admin.post("/admin/asterisk", form(true, "127.0.0.1", String.valueOf(pbx2.port()), "kept2", "second-secret",
                    second), true);
            await().atMost(Duration.ofSeconds(30)).until(() -> ended(second, "1796090400.502"));
            assertThat(pbx2.logins()).isEqualTo(1);
            assertThat(pbx1.logins()).as("the first PBX is not logged in to again").isEqualTo(1);
            assertThat(line.live().port()).isEqualTo(pbx2.port());
            assertThat(admin.get("/admin/asterisk").body()).doesNotContain("second-secret", "first-secret");

            // the secret is kept when the field is left blank; turned off, the connection stops
            admin.post("/admin/asterisk", form(false, "127.0.0.1", String.valueOf(pbx2.port()), "kept2", "", second), true);
            assertThat(jdbc.sql("select secret from phone_asterisk_settings").query(String.class).single())
                    .isEqualTo("second-secret");
            assertThat(line.live().state()).isEqualTo("OFF");
        }
        List<String> audited = jdbc.sql("select details from audit_entry where action = 'phone.asterisk.settings' and actor = ? "
                + "order by id").param(adminUser.username()).query(String.class).list();
        assertThat(audited).hasSize(3);
        assertThat(audited.get(0)).contains("secret changed").doesNotContain("first-secret");
        assertThat(audited.get(1)).contains("-> 127.0.0.1:", "integration " + first + " -> " + second);
        assertThat(audited.get(2)).contains("enabled true -> false", "secret kept");
    }

    @Test
    void aPbxThatIsNotThereShowsAsReconnectingWithTheError() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Session admin = new Session(fixtures.user("ADMIN"));
        admin.post("/admin/asterisk", form(true, "127.0.0.1", String.valueOf(port), "kept", "s3cret", "ami-away"), true);
        await().atMost(Duration.ofSeconds(20)).until(() -> "RECONNECTING".equals(line.live().state()));
        assertThat(line.live().lastError()).isNotBlank();
        assertThat(admin.get("/admin/asterisk").body()).contains("data-state=\"RECONNECTING\"")
                .doesNotContain("id=\"ami-last-error\">none");
    }

    private static String call(String id, String number) {
        return String.join("\n",
                "Event: Newchannel", "Timestamp: 1796090400.000000", "Channel: PJSIP/trunk-cn-1", "CallerIDNum: " + number,
                "Exten: 95598", "Uniqueid: " + id, "Linkedid: " + id, "",
                "Event: QueueCallerJoin", "Timestamp: 1796090401.000000", "Channel: PJSIP/trunk-cn-1", "Queue: hotline",
                "Uniqueid: " + id, "Linkedid: " + id, "",
                "Event: QueueCallerAbandon", "Timestamp: 1796090420.000000", "Channel: PJSIP/trunk-cn-1", "Queue: hotline",
                "Uniqueid: " + id, "Linkedid: " + id, "",
                "Event: Hangup", "Timestamp: 1796090420.000000", "Channel: PJSIP/trunk-cn-1", "Cause: 16",
                "Uniqueid: " + id, "Linkedid: " + id, "");
    }

    private boolean ended(String integration, String callId) {
        return jdbc.sql("select c.state from phone_call c join phone_integration i on i.id = c.integration_id "
                + "where i.name = ? and c.call_id = ?").params(integration, callId).query(String.class).optional()
                .filter("ENDED"::equals).isPresent();
    }

    private static Map<String, String> form(boolean enabled, String host, String port, String username, String secret,
                                            String integration) {
        Map<String, String> form = new LinkedHashMap<>();
        if (enabled) {
            form.put("enabled", "true");
        }
        form.put("host", host);
        form.put("port", port);
        form.put("username", username);
        form.put("secret", secret);
        form.put("integration", integration);
        return form;
    }

    /** A browser's session: signed in through the login form, posting forms with the page's CSRF token. */
    private final class Session {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        private String language = "en";

        Session(CurrentUser user) throws Exception {
            String login = get("/login").body();
            post("/login", Map.of("username", user.username(), "password", Fixtures.PASSWORD), csrf(login));
        }

        Session language(String tag) {
            language = tag;
            return this;
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(fixtures.baseUrl() + path)).header("Accept-Language", language)
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, Map<String, String> fields, boolean withToken) throws Exception {
            String token = null;
            if (withToken) {
                token = csrf(List.of("/console", "/admin/asterisk", "/console/my-shifts", "/portal").stream()
                        .map(p -> uncheckedGet(p)).filter(b -> CSRF.matcher(b).find()).findFirst().orElse(""));
            }
            return post(path, fields, token);
        }

        private String uncheckedGet(String path) {
            try {
                return get(path).body();
            } catch (Exception e) {
                return "";
            }
        }

        private HttpResponse<String> post(String path, Map<String, String> fields, String token) throws Exception {
            Map<String, String> all = new LinkedHashMap<>(fields);
            if (token != null) {
                all.put("_csrf", token);
            }
            String body = all.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                    StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return http.send(HttpRequest.newBuilder(URI.create(fixtures.baseUrl() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", language)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        private String csrf(String page) {
            Matcher m = CSRF.matcher(page);
            assertThat(m.find()).as("a CSRF token on the page").isTrue();
            return m.group(1);
        }
    }
}
