package org.kept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.identity.internal.FirstStart;
import org.kept.shared.DatabaseOutage;
import org.kept.shared.StartupWork;
import org.kept.support.Api;
import org.kept.support.FreshKept;
import org.kept.support.Response;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Kept as an automated install runs it: started on an empty database with {@code KEPT_ADMIN_USERNAME} and
 * {@code KEPT_ADMIN_PASSWORD}, watched through its liveness and readiness probes, and living through a database that
 * goes away and comes back.
 */
class AutomatedInstallTest {

    static FreshKept kept;
    static String token;
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeAll
    static void startOnAnEmptyDatabase() {
        // the SLA poller on, as in production: it reads the database four times a second, outage or not
        kept = FreshKept.start("kept.admin.username=ops-admin", "kept.admin.password=installed-by-ansible",
                "kept.sla.poller-enabled=true");
        token = kept.api().post("/api/v1/auth/tokens", body("username", "ops-admin", "password", "installed-by-ansible"))
                .expect(200).json().path("token").asString();
    }

    @AfterAll
    static void stop() {
        if (kept != null) {
            kept.close();
        }
    }

    @BeforeEach
    void listen() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        root.detachAppender(log);
        kept.databaseBack();
        kept.bean(DatabaseOutage.class).probe();
    }

    @Test
    void theAdministratorNamedInTheEnvironmentSignsInAndNoSetupLinkIsOffered() {
        assertThat(token).startsWith("kept_");
        assertThat(kept.bean(JdbcClient.class).sql("select count(*) from setup_token").query(Long.class).single()).isZero();
        assertThat(kept.bean(FirstStart.class).openLink()).isEmpty();
        assertThat(kept.api().get("/setup?token=anything").status()).isEqualTo(404);
        assertThat(kept.api().as(token).get("/api/v1/admin/users").status()).isEqualTo(200);
    }

    @Test
    void readinessWaitsForStartUpWorkAndNothingIsServedMeanwhile() {
        Api anonymous = kept.api();
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
        StartupWork work = kept.bean(StartupWork.class);
        work.expect("test: a slow index");
        try {
            Response readiness = anonymous.get("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.body()).contains("OUT_OF_SERVICE");
            assertThat(anonymous.get("/actuator/health/liveness").status()).as("alive while starting").isEqualTo(200);
            Response api = anonymous.as(token).get("/api/v1/tickets");
            assertThat(api.status()).isEqualTo(503);
            assertThat(api.header("Retry-After")).isEqualTo(String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
            assertThat(api.contentType()).startsWith("application/problem+json");
            assertThat(anonymous.language("zh-CN").header("Accept", "text/html").get("/login").body())
                    .contains("Kept 正在启动");
        } finally {
            work.done("test: a slow index");
        }
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(anonymous.as(token).get("/api/v1/tickets").status()).isEqualTo(200);
    }

    @Test
    void whileTheDatabaseIsAwayCallersGet503WithRetryAfterAndTheLogOneLine() {
        kept.databaseAway();
        for (int i = 0; i < 5; i++) {
            // a controller's query, a bearer token looked up in a security filter, a sign-in, a page
            Response call = kept.api().as(token).get("/api/v1/tickets");
            assertThat(call.status()).as(call.toString()).isEqualTo(503);
            assertThat(call.header("Retry-After")).isEqualTo(String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
            assertThat(call.contentType()).startsWith("application/problem+json");
            Response signIn = kept.api().language("en").post("/api/v1/auth/tokens",
                    body("username", "ops-admin", "password", "installed-by-ansible"));
            assertThat(signIn.status()).as(signIn.toString()).isEqualTo(503);
            assertThat(signIn.detail()).contains("database cannot be reached");
            Response page = kept.api().language("zh-CN").header("Accept", "text/html").get("/setup?token=x");
            assertThat(page.status()).as(page.toString()).isEqualTo(503);
            assertThat(page.header("Retry-After")).isEqualTo(String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
            assertThat(page.body()).contains("暂时连接不上数据库");
        }
        kept.databaseBack();
        kept.bean(DatabaseOutage.class).probe();
        assertThat(kept.api().as(token).get("/api/v1/tickets").status()).isEqualTo(200);

        List<ILoggingEvent> events = List.copyOf(log.list);
        assertThat(events.stream().filter(e -> e.getFormattedMessage().startsWith("Database unreachable")))
                .as("one line when the outage began").hasSize(1);
        assertThat(events.stream().filter(e -> e.getFormattedMessage().startsWith("Database reachable again")))
                .as("one line when it ended").hasSize(1);
        assertThat(events.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null))
                .as("no stack traces").isEmpty();
    }
}
