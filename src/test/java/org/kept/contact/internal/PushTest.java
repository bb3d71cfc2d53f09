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
        onASecondInstance(secondInstance -> {
            List<String> received = new CopyOnWriteArrayList<>();
            CurrentUser agent = fixtures.user("AGENT");
            secondInstance.subscribe(agent.id(), (event, json) -> received.add(event + " " + json));
            secondInstance.subscribe(agent.id() + 1_000_000, (event, json) -> received.add("wrong " + json));

            push.toUser(agent.id(), "test-pop", "{\"from\":\"instance one\"}");

            await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
            assertThat(received).containsExactly("test-pop {\"from\":\"instance one\"}");
        });
    }

    /** A second instance's relay listener on the same PostgreSQL (H2 has no second instance: skipped there). */
    private void onASecondInstance(java.util.function.Consumer<Subscribers> test) {
        assumeThat(url).startsWith("jdbc:postgresql:");
        Subscribers secondInstance = new Subscribers();
        PgPushListener listener = new PgPushListener(secondInstance, url, user, password);
        listener.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(listener::listening);
            test.accept(secondInstance);
        } finally {
            listener.stop();
        }
    }

    @Test
    void aTopicReachesItsListenersOnlyAndOnPostgresqlAnotherInstancesToo() {
        List<String> here = new CopyOnWriteArrayList<>();
        Runnable stop = push.listen("chat-topic-a", (event, json) -> here.add(event + " " + json));
        Runnable other = push.listen("chat-topic-b", (event, json) -> here.add("wrong " + json));
        try {
            push.toTopic("chat-topic-a", "chat-message", "{\"seq\":1}");
            await().atMost(Duration.ofSeconds(5)).until(() -> !here.isEmpty());
            assertThat(here).containsExactly("chat-message {\"seq\":1}");
        } finally {
            stop.run();
            other.run();
        }
        onASecondInstance(secondInstance -> {
            List<String> received = new CopyOnWriteArrayList<>();
            secondInstance.subscribeTopic("chat-topic-c", (event, json) -> received.add(event + " " + json));
            // a user whose id looks like nothing a topic could be named: topics and users never meet
            secondInstance.subscribe(42, (event, json) -> received.add("user " + json));
            push.toTopic("chat-topic-c", "chat-typing", "{}");
            await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
            assertThat(received).containsExactly("chat-typing {}");
        });
    }
}
