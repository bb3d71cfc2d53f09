package org.kept.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.phone.internal.IntegrationStore;
import org.kept.phone.internal.PbxAuth;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Voice queues take the PBX's decisions and show them: the agent a CTI event rings appears on the live queue view as
 * "offered to", then "with" once answered, and the call leaves the view when it ends (routing reads its own copy, fed
 * by the phone module's events).
 */
@KeptTest
class VoiceQueueViewTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    IntegrationStore integrations;

    @Autowired
    MockMvc mvc;

    @Test
    void theAgentThePbxRingsShowsOnTheLiveQueueViewUntilTheCallEnds() throws Exception {
        IntegrationStore.Integration pbx = integrations.create("pbx-" + System.nanoTime(), Instant.now());
        CurrentUser agent = fixtures.user("AGENT");
        CurrentUser lead = fixtures.user("LEAD");
        String callId = "voice-" + System.nanoTime();
        String queue = "voiceq" + System.nanoTime() % 100000;
        Instant t0 = Instant.parse("2026-11-02T02:00:00Z");
        post(pbx, body("event", "newCall", "callId", callId, "from", "13800138000", "to", "95598", "direction", "in",
                "queue", queue, "timestamp", t0.toString()));
        assertThat(row(lead, queue)).as("waiting, nobody offered yet").contains("waiting").doesNotContain(agent.displayName());

        post(pbx, body("event", "newCall", "callId", callId, "from", "13800138000", "to", "95598", "direction", "in",
                "queue", queue, "user", agent.username(), "timestamp", t0.plusSeconds(12).toString()));
        assertThat(row(lead, queue)).contains("offered to " + agent.displayName());
        assertThat(row(lead, queue)).as("no phone number on the view").doesNotContain("13800138000");

        post(pbx, body("event", "answer", "callId", callId, "user", agent.username(), "timestamp", t0.plusSeconds(18).toString()));
        assertThat(row(lead, queue)).contains("with " + agent.displayName()).doesNotContain("offered to");

        post(pbx, body("event", "hangup", "callId", callId, "cause", "normalClearing", "timestamp", t0.plusSeconds(90).toString()));
        assertThat(page(lead)).doesNotContain(queue);
    }

    private void post(IntegrationStore.Integration pbx, Map<String, Object> event) {
        String raw = Api.json(event);
        var r = fixtures.api().header("X-Kept-Integration", pbx.name())
                .header("X-Kept-Signature", "sha256=" + PbxAuth.sign(pbx.secret(), raw.getBytes(StandardCharsets.UTF_8)))
                .post("/api/v1/cti/events", raw);
        assertThat(r.status()).isEqualTo(200);
    }

    private String page(CurrentUser lead) throws Exception {
        return mvc.perform(get("/console/routing/queues/live").with(user(lead)).header("Accept-Language", "en"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** The view's row of the call in {@code queue}. */
    private String row(CurrentUser lead, String queue) throws Exception {
        String html = page(lead);
        int at = html.indexOf(">" + queue + "<");
        assertThat(at).as("the call in queue %s is on the view", queue).isPositive();
        return html.substring(at, html.indexOf("</tr>", at));
    }
}
