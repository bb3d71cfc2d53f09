package org.kept.phone;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.phone.internal.IntegrationStore;
import org.kept.phone.internal.PbxAuth;
import org.kept.protection.ContactEndedForAbuse;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When an agent ends an abusive call (protection's {@link ContactEndedForAbuse}), a PBX that takes commands over HTTP
 * gets a signed "play the prompt and hang up" for that call (WireMock stands in for it), and the command is recorded
 * on the call with the PBX's answer; a call that already ended and a PBX without a command URL are recorded as such.
 * A lead's move of an agent to written channels only pauses the agent on such a PBX, and the move back resumes them.
 */
@KeptTest
class PbxCommandsTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    IntegrationStore integrations;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    WireMockServer pbxServer;
    IntegrationStore.Integration pbx;

    @BeforeEach
    void aPbxThatTakesCommands() {
        pbxServer = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        pbxServer.start();
        pbxServer.stubFor(post(urlEqualTo("/kept-commands")).willReturn(ok("{\"ok\":true}")));
        pbx = integrations.create("pbx-" + System.nanoTime(), Instant.now());
    }

    @AfterEach
    void stop() {
        pbxServer.stop();
    }

    @Test
    void endingAnAbusiveCallAsksThePbxToPlayThePromptAndHangUpSigned() {
        CurrentUser admin = fixtures.user("ADMIN", null);
        Api asAdmin = fixtures.api(admin);
        asAdmin.put("/api/v1/phone/integrations/" + pbx.id() + "/command-url", body("url", "ftp://nope")).expect(422);
        asAdmin.put("/api/v1/phone/integrations/" + pbx.id() + "/command-url",
                body("url", pbxServer.baseUrl() + "/kept-commands")).expect(200);
        fixtures.api(fixtures.user("AGENT")).put("/api/v1/phone/integrations/" + pbx.id() + "/command-url",
                body("url", "https://evil.example/")).expect(403);

        String callId = "abuse-" + System.nanoTime();
        long contact = answeredCall(callId);
        endForAbuse(contact, "辱骂坐席");

        List<LoggedRequest> sent = pbxServer.findAll(postRequestedFor(urlEqualTo("/kept-commands"))
                .withRequestBody(matchingJsonPath("$.callId", equalTo(callId)))
                .withRequestBody(matchingJsonPath("$.command", equalTo("playPromptAndHangup")))
                .withHeader("X-Kept-Integration", equalTo(pbx.name())));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getHeader("X-Kept-Signature"))
                .isEqualTo("sha256=" + PbxAuth.sign(pbx.secret(), sent.get(0).getBody()));
        assertThat(commands(callId)).singleElement().satisfies(c -> {
            assertThat(c.get("status")).isEqualTo("SENT");
            assertThat(c.get("via")).isEqualTo("http");
            assertThat(c.get("reason")).isEqualTo("辱骂坐席");
        });

        // the PBX refuses: recorded as failed, the agent's end stands
        String refused = "refused-" + System.nanoTime();
        pbxServer.stubFor(post(urlEqualTo("/kept-commands")).withRequestBody(matchingJsonPath("$.callId", equalTo(refused)))
                .willReturn(serverError()));
        endForAbuse(answeredCall(refused), "威胁");
        assertThat(commands(refused)).singleElement().satisfies(c -> {
            assertThat(c.get("status")).isEqualTo("FAILED");
            assertThat(c.get("detail")).isEqualTo("HTTP 500");
        });

        // the caller had already hung up: nothing is sent
        String over = "over-" + System.nanoTime();
        long ended = answeredCall(over);
        signed(body("event", "hangup", "callId", over, "cause", "normalClearing", "timestamp", "2026-11-02T02:03:00Z"));
        endForAbuse(ended, "事后标记");
        assertThat(commands(over)).singleElement().satisfies(c -> assertThat(c.get("status")).isEqualTo("SKIPPED"));
        assertThat(pbxServer.findAll(postRequestedFor(urlEqualTo("/kept-commands"))
                .withRequestBody(matchingJsonPath("$.callId", equalTo(over))))).isEmpty();
    }

    @Test
    void aPbxWithoutACommandUrlIsRecordedAsUnsupported() {
        String callId = "plain-" + System.nanoTime();
        endForAbuse(answeredCall(callId), "辱骂");
        assertThat(commands(callId)).singleElement().satisfies(c -> {
            assertThat(c.get("status")).isEqualTo("UNSUPPORTED");
            assertThat(c.get("via")).isEqualTo("none");
        });
    }

    @Test
    void movingAnAgentToWrittenChannelsOnlyPausesThemOnThePbxAndBackAgain() {
        fixtures.api(fixtures.user("ADMIN", null)).put("/api/v1/phone/integrations/" + pbx.id() + "/command-url",
                body("url", pbxServer.baseUrl() + "/kept-commands")).expect(200);
        CurrentUser agent = fixtures.user("AGENT");
        Api lead = fixtures.api(fixtures.user("LEAD"));

        lead.put("/api/v1/protection/agents/" + agent.id() + "/written-only", body("writtenOnly", true)).expect(200);
        List<LoggedRequest> paused = pbxServer.findAll(postRequestedFor(urlEqualTo("/kept-commands"))
                .withRequestBody(matchingJsonPath("$.user", equalTo(agent.username()))));
        assertThat(paused).singleElement().satisfies(r -> {
            assertThat(r.getBodyAsString()).contains("\"command\":\"pauseAgent\"", "\"reason\":\"writtenChannelsOnly\"");
            assertThat(r.getHeader("X-Kept-Signature")).isEqualTo("sha256=" + PbxAuth.sign(pbx.secret(), r.getBody()));
        });

        lead.put("/api/v1/protection/agents/" + agent.id() + "/written-only", body("writtenOnly", false)).expect(200);
        assertThat(pbxServer.findAll(postRequestedFor(urlEqualTo("/kept-commands"))
                .withRequestBody(matchingJsonPath("$.user", equalTo(agent.username())))
                .withRequestBody(matchingJsonPath("$.command", equalTo("unpauseAgent"))))).hasSize(1);
        assertThat(jdbc.sql("select action from audit_entry where subject = ? order by id")
                .param("user:" + agent.username()).query(String.class).list())
                .contains("phone.agent.pauseAgent", "phone.agent.unpauseAgent");
        assertThat(jdbc.sql("select details from audit_entry where action = 'phone.agent.pauseAgent' and subject = ?")
                .param("user:" + agent.username()).query(String.class).single()).contains(pbx.name() + ": SENT HTTP 200");
    }

    private void endForAbuse(long contactId, String reason) {
        // as protection's flag flow does: published in the transaction that records the end, acted on after its commit
        tx.executeWithoutResult(s -> events.publishEvent(new ContactEndedForAbuse(contactId, 1L, reason, 1L)));
    }

    private long answeredCall(String callId) {
        String agent = fixtures.user("AGENT").username();
        signed(body("event", "newCall", "callId", callId, "from", "13800138000", "to", "95598", "direction", "in",
                "queue", "hotline", "user", agent, "timestamp", "2026-11-02T02:00:00Z"));
        return signed(body("event", "answer", "callId", callId, "user", agent, "timestamp", "2026-11-02T02:00:10Z"))
                .json().get("contactId").asLong();
    }

    private org.kept.support.Response signed(Map<String, Object> event) {
        String raw = Api.json(event);
        return fixtures.api().header("X-Kept-Integration", pbx.name())
                .header("X-Kept-Signature", "sha256=" + PbxAuth.sign(pbx.secret(), raw.getBytes(StandardCharsets.UTF_8)))
                .post("/api/v1/cti/events", raw).expect(200);
    }

    private List<Map<String, Object>> commands(String callId) {
        return jdbc.sql("select m.status, m.via, m.reason, m.detail from phone_call_command m join phone_call c on c.id = m.call_row "
                + "join phone_integration i on i.id = c.integration_id where i.name = ? and c.call_id = ? order by m.id")
                .params(pbx.name(), callId).query().listOfRows();
    }
}
