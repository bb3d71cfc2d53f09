package org.kept.contact.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.kept.contact.Push;
import org.kept.identity.CurrentUser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.PushStream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** Server push reaches the addressed person's streams only, on this instance and, on PostgreSQL, on another one. */
@KeptTest
class PushTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Push push;

    @Value("${spring.datasource.url}")
    String url;

    @Value("${spring.datasource.username:}")
    String user;

    @Value("${spring.datasource.password:}")
    String password;

    @Test
    void onlyTheAddressedPersonReceivesAndTheStreamPassesProxiesUnbuffered() {
        CurrentUser ringing = fixtures.user("AGENT");
        CurrentUser other = fixtures.user("AGENT");
        try (PushStream mine = PushStream.open(fixtures.baseUrl(), fixtures.token(ringing));
             PushStream theirs = PushStream.open(fixtures.baseUrl(), fixtures.token(other))) {
            assertThat(mine.response().headers().firstValue("X-Accel-Buffering")).hasValue("no");
            assertThat(mine.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");

            push.toUser(ringing.id(), "test-pop", "{\"n\":1}");

            assertThat(mine.awaitEvent("test-pop", Duration.ofSeconds(5))).isEqualTo("{\"n\":1}");
            assertThat(theirs.data("test-pop")).isEmpty();
        }
    }

    @Test
    void withoutSigningInThereIsNoStream() {
        assertThat(fixtures.api().get("/api/v1/push?seconds=0").status()).isEqualTo(401);
    }

    @Test
    void onPostgresqlAnotherInstanceReachesItsOwnSubscribers() {
        // the relay between instances is PostgreSQL NOTIFY: this runs in CI's PostgreSQL phase (H2 has no second instance)
        assumeThat(url).startsWith("jdbc:postgresql:");
        Subscribers secondInstance = new Subscribers();
        PgPushListener listener = new PgPushListener(secondInstance, url, user, password);
        listener.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(listener::listening);
            List<String> received = new CopyOnWriteArrayList<>();
            CurrentUser agent = fixtures.user("AGENT");
            secondInstance.subscribe(agent.id(), (event, json) -> received.add(event + " " + json));
            secondInstance.subscribe(agent.id() + 1_000_000, (event, json) -> received.add("wrong " + json));

            push.toUser(agent.id(), "test-pop", "{\"from\":\"instance one\"}");

            await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
            assertThat(received).containsExactly("test-pop {\"from\":\"instance one\"}");
        } finally {
            listener.stop();
        }
    }
}
