package org.kept.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.phone.asterisk.AsteriskAdapter;
import org.kept.phone.internal.CallDesk;
import org.kept.phone.internal.IntegrationStore;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Asterisk adapter against a stand-in PBX on a random local port that replays an AMI transcript: an answered
 * queue call, a caller who gives up in the queue (an abandoned call, so a callback task), and a call transferred from
 * one agent to another, with the PBX dropping the connection mid-call and the adapter logging in again and going on.
 */
@KeptTest
class AsteriskAdapterTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    CallDesk desk;

    @Autowired
    IntegrationStore integrations;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    static final Instant T0 = Instant.ofEpochSecond(1796090400L);

    @Test
    void callsFromTheAmiTranscriptBecomeCallRecordsAcrossAReconnect() throws Exception {
        CurrentUser first = fixtures.user("AGENT");
        CurrentUser second = fixtures.user("AGENT");
        String run = String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
        String transcript = transcript().replace("@RUN@", run).replace("@A1@", first.agentNo())
                .replace("@A2@", second.agentNo());
        String integration = "asterisk-" + System.nanoTime();
        try (AmiReplay pbx = new AmiReplay(transcript, "kept", "s3cret");
             AsteriskAdapter adapter = new AsteriskAdapter(new AsteriskAdapter.Settings("127.0.0.1", pbx.port(), "kept",
                     "s3cret", integration, 6), desk, integrations, clock).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> pbx.finished() && ended(integration, "1796090520.301"));
            assertThat(pbx.logins()).as("logged in again after the drop").isEqualTo(2);
            assertThat(adapter.connected()).isTrue();
        }

        CallRecord answered = call(integration, "1796090400.101");
        assertThat(answered.direction()).isEqualTo("INBOUND");
        assertThat(answered.number()).isEqualTo("+86139" + run + "0001");
        assertThat(answered.line()).isEqualTo("95598");
        assertThat(answered.queue()).isEqualTo("hotline");
        assertThat(answered.agentId()).isEqualTo(first.id());
        assertThat(answered.outcome()).isEqualTo("ANSWERED");
        assertThat(answered.startedAt()).isEqualTo(T0);
        assertThat(answered.queueSeconds()).isEqualTo(12);
        assertThat(answered.ringSeconds()).isEqualTo(6);
        assertThat(answered.waitSeconds()).isEqualTo(18);
        assertThat(answered.talkSeconds()).isEqualTo(120);
        assertThat(answered.cause()).isEqualTo("normalClearing");
        assertThat(answered.hungUpBy()).isEqualTo("agent");
        assertThat(answered.transfers()).isZero();
        assertThat(answered.recordingUri()).as("MixMonitor's file, from its VarSet")
                .isEqualTo("file:///var/spool/asterisk/monitor/hotline-1796090400.101.wav");
        assertThat(answered.recordingSha256()).as("Asterisk reports no checksum").isNull();

        CallRecord abandoned = call(integration, "1796090460.201");
        assertThat(abandoned.outcome()).isEqualTo("ABANDONED");
        assertThat(abandoned.queue()).isEqualTo("hotline");
        assertThat(abandoned.agentId()).isNull();
        assertThat(abandoned.waitSeconds()).isEqualTo(47);
        assertThat(abandoned.cause()).isEqualTo("cancel");
        assertThat(abandoned.hungUpBy()).isEqualTo("caller");
        assertThat(abandoned.recordingUri()).as("no MixMonitor on this call").isNull();
        Map<String, Object> task = jdbc.sql("select reason, state, team_id, wait_seconds from callback_task where number = ? "
                + "order by id desc").param("+86139" + run + "0002").query().listOfRows().get(0);
        assertThat(task.get("reason")).isEqualTo("ABANDONED_CALL");
        assertThat(task.get("state")).isEqualTo("OPEN");
        assertThat(((Number) task.get("team_id")).longValue()).isEqualTo(fixtures.team("hotline"));
        assertThat(((Number) task.get("wait_seconds")).longValue()).isEqualTo(47);

        CallRecord transferred = call(integration, "1796090520.301");
        assertThat(transferred.outcome()).isEqualTo("ANSWERED");
        assertThat(transferred.transfers()).isEqualTo(1);
        assertThat(transferred.agentId()).as("the agent it was transferred to").isEqualTo(second.id());
        assertThat(transferred.answeredAt()).isEqualTo(T0.plusSeconds(129));
        assertThat(transferred.waitSeconds()).isEqualTo(9);
        assertThat(transferred.talkSeconds()).isEqualTo(187);
        assertThat(transferred.hungUpBy()).isEqualTo("caller");
        assertThat(transferred.cause()).isEqualTo("normalClearing");
    }

    @Test
    void theAdapterKeepsTryingUntilThePbxAnswers() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String integration = "asterisk-" + System.nanoTime();
        try (AsteriskAdapter adapter = new AsteriskAdapter(new AsteriskAdapter.Settings("127.0.0.1", port, "kept",
                "s3cret", integration, 6), desk, integrations, clock).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> integrations.named(integration).isPresent());
            assertThat(adapter.connected()).isFalse();
        }
    }

    @Test
    void aCallEndedForAbuseIsRedirectedToThePromptContextOnThePbx() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        String run = String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
        // a call that is on: answered in the queue, not hung up
        String live = String.join("\n",
                "Event: Newchannel", "Timestamp: 1796090400.000000", "Channel: PJSIP/trunk-cn-00000901",
                "CallerIDNum: 139" + run + "0009", "Exten: 95598", "Uniqueid: 1796090400.901", "Linkedid: 1796090400.901", "",
                "Event: QueueCallerJoin", "Timestamp: 1796090401.000000", "Channel: PJSIP/trunk-cn-00000901", "Queue: hotline",
                "Uniqueid: 1796090400.901", "Linkedid: 1796090400.901", "",
                "Event: AgentConnect", "Timestamp: 1796090405.000000", "Channel: PJSIP/trunk-cn-00000901", "Queue: hotline",
                "Uniqueid: 1796090400.901", "Linkedid: 1796090400.901", "DestChannel: PJSIP/" + agent.agentNo() + "-00000902",
                "DestUniqueid: 1796090405.902", "Interface: PJSIP/" + agent.agentNo(), "");
        String integration = "asterisk-" + System.nanoTime();
        try (AmiReplay pbx = new AmiReplay(live, "kept", "s3cret");
             AsteriskAdapter adapter = new AsteriskAdapter(new AsteriskAdapter.Settings("127.0.0.1", pbx.port(), "kept",
                     "s3cret", integration, 6, null, "kept-abuse", "s"), desk, integrations, clock).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> id(integration, "1796090400.901") != null
                    && "ANSWERED".equals(call(integration, "1796090400.901").state()));
            var sent = adapter.endForAbuse("1796090400.901");
            assertThat(sent.ok()).isTrue();
            assertThat(sent.via()).isEqualTo("ami:Redirect");
            Map<String, String> redirect = pbx.actions.stream().filter(a -> "redirect".equalsIgnoreCase(a.get("action")))
                    .findFirst().orElseThrow();
            assertThat(redirect).containsEntry("channel", "PJSIP/trunk-cn-00000901").containsEntry("context", "kept-abuse")
                    .containsEntry("exten", "s").containsEntry("priority", "1");
            assertThat(adapter.endForAbuse("no-such-call").ok()).as("a call the PBX no longer has").isFalse();
        }
    }

    private boolean ended(String integration, String callId) {
        return id(integration, callId) != null && "ENDED".equals(call(integration, callId).state());
    }

    private Long id(String integration, String callId) {
        return jdbc.sql("select c.id from phone_call c join phone_integration i on i.id = c.integration_id "
                + "where i.name = ? and c.call_id = ?").params(integration, callId).query(Long.class).optional().orElse(null);
    }

    private CallRecord call(String integration, String callId) {
        return desk.find(id(integration, callId)).orElseThrow();
    }

    private static String transcript() throws IOException {
        try (InputStream in = AsteriskAdapterTest.class.getResourceAsStream("/asterisk/hotline-transcript.ami")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
