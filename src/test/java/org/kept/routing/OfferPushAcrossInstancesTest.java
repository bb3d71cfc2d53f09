package org.kept.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kept.KeptApplication;
import org.kept.identity.CurrentUser;
import org.kept.routing.internal.PresenceDesk;
import org.kept.routing.internal.Router;
import org.kept.routing.internal.RoutingQueue;
import org.kept.routing.internal.RuleDesk;
import org.kept.routing.internal.WorkDesk;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.PushStream;
import org.kept.ticket.Channel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Kept instances on one PostgreSQL database: work submitted and routed on this one reaches the agent whose console
 * is connected to the other (the offer's push travels through NOTIFY), and the offer the console gets is the one made.
 * H2 in memory cannot be shared by two instances: skipped there.
 */
@KeptTest
class OfferPushAcrossInstancesTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    Router router;

    @Autowired
    WorkDesk work;

    @Autowired
    PresenceDesk presence;

    @Autowired
    RuleDesk rules;

    @Value("${spring.datasource.url}")
    String url;

    @Test
    void anOfferMadeOnOneInstanceReachesTheAgentsConsoleOnTheOther() {
        assumeTrue(url.startsWith("jdbc:postgresql:"),
                "needs PostgreSQL (set KEPT_TEST_DB_URL): H2 in memory cannot be shared by two instances");
        String skill = "x" + UUID.randomUUID().toString().substring(0, 8);
        CurrentUser agent = fixtures.user("AGENT");
        rules.replaceSkills(agent.id(), Map.of(skill, 1));
        presence.choose(agent.id(), PresenceState.AVAILABLE, null, agent.id());
        RoutingQueue q = rules.save(new RoutingQueue(0, "q-" + skill, "跨实例 " + skill, Channel.CHAT, 0,
                RoutingQueue.Strategy.LONGEST_IDLE, null, null, null, RoutingQueue.ClosedAction.ANSWER, null, null, 30, 0,
                List.of(new RoutingQueue.Skill(skill, 1))));
        String token = fixtures.token(agent);

        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(KeptApplication.class).profiles("test")
                .properties("spring.main.banner-mode=off", "spring.datasource.hikari.maximum-pool-size=3")
                .run("--server.port=0", "--server.address=127.0.0.1")) {  // arguments: application.yml's ${PORT:8080} wins over defaults
            String otherUrl = "http://127.0.0.1:" + other.getEnvironment().getProperty("local.server.port");
            // the other instance hears NOTIFY once its listener is in place
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(other.getBean(org.kept.contact.internal.PgPushListener.class)::listening);
            try (PushStream console = PushStream.open(otherUrl, token)) {
                long item = work.submit(new Routing.WorkRequest(Channel.CHAT, q.code(), "ref-" + skill, 0, null)).itemId();
                assertThat(router.runOnce().offered()).isGreaterThanOrEqualTo(1);
                assertThat(work.item(item).orElseThrow().agentId()).isEqualTo(agent.id());

                String offer = console.awaitEvent(Router.OFFER_EVENT, Duration.ofSeconds(10));
                assertThat(offer).contains("\"itemId\":" + item).contains("\"channel\":\"CHAT\"");
            }
        }
    }
}
