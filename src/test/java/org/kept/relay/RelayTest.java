package org.kept.relay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kept.relay.internal.PlatformAccounts;
import org.kept.relay.internal.RelayDesk;
import org.kept.relay.internal.RelaySettings;
import org.kept.relay.internal.PartyActions;
import org.kept.relay.internal.SimulatedNumbers;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.kept.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 隐私号 and 平台处置 end to end: Aliyun's and Huawei's AXB APIs and the platform's account API as WireMock stand-ins,
 * their call reports through the hook (once per call id), release when the case ends and at expiry (moved clock),
 * numbers masked per role, every bind, unbind and reveal audited, a bind retried with its key binding once.
 */
@KeptTest
class RelayTest {

    static WireMockServer remote;

    @BeforeAll
    static void start() {
        remote = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        remote.start();
    }

    @AfterAll
    static void stop() {
        remote.stop();
    }

    @Autowired
    Fixtures fixtures;

    @Autowired
    RelaySettings settings;

    @Autowired
    RelayDesk relay;

    @Autowired
    PartyActions restrictions;

    @Autowired
    SimulatedNumbers simulated;

    @Autowired
    PlatformAccounts platform;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void simulatedAgain() {
        settings.useProvider("SIMULATED");
        settings.use(new RelaySettings.Platform("", "", "/accounts/{account}", "/accounts/{account}/restrictions",
                "/accounts/{account}/restrictions/{restriction}"));
        remote.resetAll();
    }

    static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    long ticket(Api agent, String priority, String phone) {
        long customer = fixtures.customer("隐私号客户").id();
        return agent.post("/api/v1/tickets", body("type", "COMPLAINT", "subject", "司机不接电话，手机落在车上", "customerId",
                customer, "priority", priority, "contactPhone", phone)).expect(201).id();
    }

    long party(Api agent, long ticket, String account, String phone) {
        return agent.post("/api/v1/tickets/" + ticket + "/counterparties", phone == null
                ? body("role", "DRIVER", "accountRef", account, "name", "王师傅")
                : body("role", "DRIVER", "accountRef", account, "name", "王师傅", "phone", phone)).expect(201).id();
    }

    void close(Api agent, long ticket) {
        int version = agent.get("/api/v1/tickets/" + ticket).version();
        agent.post("/api/v1/tickets/" + ticket + "/transitions", body("to", "RESOLVED", "version", version)).expect(200);
    }

    List<String> kinds(long ticket) {
        return jdbc.sql("select kind from ticket_entry where ticket_id = ? order by id").param(ticket).query(String.class).list();
    }

    @Test
    void aliyunBindsTheCentreAndTheDriverItsReportLandsOnceAndClosingTheCaseUnbinds() {
        settings.use(new RelaySettings.Aliyun(remote.baseUrl() + "/", "ak-id", "ak-secret", "FC100001"));
        settings.useProvider("ALIYUN");
        String subs = "SUB" + unique();
        remote.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=BindAxb"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"Code\":\"OK\",\"Message\":\"OK\","
                        + "\"RequestId\":\"R1\",\"SecretBindDTO\":{\"SubsId\":\"" + subs + "\",\"SecretNo\":\"17000001234\"}}")));
        remote.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=UnbindSubscription"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"Code\":\"OK\",\"Chang\":true}")));
        Api outsourced = fixtures.api(fixtures.user("OUTSOURCED"));
        long ticket = ticket(outsourced, "P2", "+8613911112222");
        long party = party(outsourced, ticket, "D-" + unique(), "+8613800001111");

        Response bound = outsourced.post("/api/v1/tickets/" + ticket + "/relay/bindings", body("counterpartyId", party,
                "caller", "AGENT")).expect(201);
        // the outsourced agent sees the numbers masked, the driver's never in full
        assertThat(bound.json().path("secretNo").asString()).isEqualTo("170****1234");
        assertThat(bound.json().path("phoneB").asString()).isEqualTo("138****1111");
        assertThat(bound.body()).doesNotContain("13800001111");
        remote.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=BindAxb"))
                .withRequestBody(containing("PoolKey=FC100001")).withRequestBody(containing("PhoneNoA=2161230000"))
                .withRequestBody(containing("PhoneNoB=13800001111")).withRequestBody(containing("OutId=" + ticket))
                .withRequestBody(containing("IsRecordingEnabled=true")).withRequestBody(containing("Expiration="))
                .withRequestBody(containing("SignatureMethod=HMAC-SHA1")).withRequestBody(matching(".*Signature=[^&]+.*")));
        // the major-complaints group sees them in full
        Api complaints = fixtures.api(fixtures.user("COMPLAINTS"));
        assertThat(complaints.get("/api/v1/tickets/" + ticket + "/relay").json().path("bindings").path(0).path("secretNo")
                .asString()).isEqualTo("+8617000001234");

        String hook = "/api/v1/hooks/relay/" + settings.hookToken() + "/aliyun";
        String report = "[{\"pool_key\":\"FC100001\",\"sub_id\":\"" + subs + "\",\"call_id\":\"C" + subs + "\","
                + "\"phone_no\":\"2161230000\",\"secret_no\":\"17000001234\",\"peer_no\":\"13800001111\",\"call_type\":0,"
                + "\"call_time\":\"2026-12-03 10:00:00\",\"start_time\":\"2026-12-03 10:00:05\",\"release_time\":\"2026-12-03 10:01:35\","
                + "\"release_dir\":1,\"release_cause\":16,\"out_id\":\"" + ticket + "\",\"record_url\":\"https://rec.example/" + subs + ".mp3\"}]";
        Response taken = fixtures.api().post(hook, report);
        assertThat(taken.status()).isEqualTo(200);
        assertThat(taken.body()).contains("\"code\":0");
        fixtures.api().post(hook, report).expect(200);  // the provider's retry
        var calls = outsourced.get("/api/v1/tickets/" + ticket + "/relay").json().path("calls");
        assertThat(calls.size()).isEqualTo(1);
        assertThat(calls.path(0).path("seconds").asLong()).isEqualTo(90);
        assertThat(calls.path(0).path("recordUrl").asString()).isEqualTo("https://rec.example/" + subs + ".mp3");
        assertThat(kinds(ticket).stream().filter("RELAY_CALL"::equals).count()).isEqualTo(1);
        // a push for another pool, or to a wrong token, is refused
        fixtures.api().post(hook, report.replace("FC100001", "FC999")).expect(401);
        fixtures.api().post("/api/v1/hooks/relay/wrong-token/aliyun", report).expect(404);

        close(outsourced, ticket);
        relay.releaseDue();
        remote.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=UnbindSubscription"))
                .withRequestBody(containing("SubsId=" + subs)).withRequestBody(containing("SecretNo=17000001234")));
        var binding = complaints.get("/api/v1/tickets/" + ticket + "/relay").json().path("bindings").path(0);
        assertThat(binding.path("state").asString()).isEqualTo("RELEASED");
        assertThat(binding.path("releaseReason").asString()).isEqualTo("CASE_CLOSED");
        assertThat(kinds(ticket)).contains("RELAY_BOUND", "RELAY_CALL", "RELAY_RELEASED");
        // no new binding on an ended case
        outsourced.post("/api/v1/tickets/" + ticket + "/relay/bindings", body("counterpartyId", party, "caller", "AGENT"))
                .expect(409);
    }

    @Test
    void huaweiBindsTheCustomerAndTheDriverTakesTheFeeReportAndUnbindsAtExpiry() {
        settings.use(new RelaySettings.Huawei(remote.baseUrl(), "hw-app-key", "hw-secret"));
        settings.useProvider("HUAWEI");
        String subs = "hw-" + unique();
        remote.stubFor(post(urlEqualTo("/rest/caas/relationnumber/partners/v1.0"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"resultcode\":\"0\","
                        + "\"resultdesc\":\"Success\",\"relationNum\":\"+8617100005678\",\"subscriptionId\":\"" + subs + "\"}")));
        remote.stubFor(delete(urlPathEqualTo("/rest/caas/relationnumber/partners/v1.0"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"resultcode\":\"0\"}")));
        Api agent = fixtures.api(fixtures.user("AGENT"));
        long ticket = ticket(agent, "P3", "+8613922223333");
        long party = party(agent, ticket, "D-" + unique(), "+8613800002222");
        long id = agent.post("/api/v1/tickets/" + ticket + "/relay/bindings", body("counterpartyId", party, "caller", "CUSTOMER"))
                .expect(201).id();
        remote.verify(postRequestedFor(urlEqualTo("/rest/caas/relationnumber/partners/v1.0"))
                .withHeader("Authorization", containing("profile=\"UsernameToken\""))
                .withHeader("X-AKSK", containing("Username=\"hw-app-key\""))
                .withRequestBody(containing("\"callerNum\":\"+8613922223333\""))
                .withRequestBody(containing("\"calleeNum\":\"+8613800002222\""))
                .withRequestBody(containing("\"recordFlag\":\"true\"")).withRequestBody(containing("\"maxDuration\":30"))
                .withRequestBody(containing("\"userData\":\"" + ticket + "\"")));

        String hook = "/api/v1/hooks/relay/" + settings.hookToken() + "/huawei";
        fixtures.api().post(hook, "{\"eventType\":\"disconnect\",\"statusInfo\":{\"sessionId\":\"S" + subs + "\"}}")
                .expect(200);
        String fee = "{\"eventType\":\"fee\",\"feeLst\":[{\"direction\":1,\"appKey\":\"hw-app-key\",\"sessionId\":\"S" + subs
                + "\",\"subscriptionId\":\"" + subs + "\",\"bindNum\":\"+8617100005678\",\"callerNum\":\"+8613800002222\","
                + "\"calleeNum\":\"+8613922223333\",\"fwdStartTime\":\"2026-12-03 02:00:00\",\"fwdAnswerTime\":\"2026-12-03 02:00:10\","
                + "\"callEndTime\":\"2026-12-03 02:02:10\",\"ulFailReason\":0,\"recordFlag\":1,\"recordDomain\":\"rec.huawei.example\","
                + "\"recordObjectName\":\"" + subs + ".wav\"}]}";
        fixtures.api().post(hook, fee).expect(200);
        fixtures.api().post(hook, fee).expect(200);
        fixtures.api().post(hook, fee.replace("hw-app-key", "someone-else")).expect(401);
        var calls = agent.get("/api/v1/tickets/" + ticket + "/relay").json().path("calls");
        assertThat(calls.size()).isEqualTo(1);
        assertThat(calls.path(0).path("direction").asString()).isEqualTo("B_TO_A");
        assertThat(calls.path(0).path("seconds").asLong()).isEqualTo(120);
        assertThat(calls.path(0).path("recordUrl").asString()).isEqualTo("https://rec.huawei.example/" + subs + ".wav");

        // still bound before the expiry, released after it by the scheduled pass
        relay.releaseDue();
        assertThat(relay.binding(id).state()).isEqualTo("BOUND");
        try (var moved = clock.moved(Duration.ofMinutes(31))) {
            relay.releaseDue();
        }
        remote.verify(1, deleteRequestedFor(urlPathEqualTo("/rest/caas/relationnumber/partners/v1.0"))
                .withQueryParam("subscriptionId", equalTo(subs)));
        assertThat(relay.binding(id).state()).isEqualTo("RELEASED");
        assertThat(relay.binding(id).releaseReason()).isEqualTo("EXPIRED");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'relay.unbind' and subject = ?")
                .param("relay-binding:" + id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aBindRetriedWithItsKeyOrClickedTwiceBindsOnceAndEveryBindAndRevealIsAudited() {
        var agentUser = fixtures.user("AGENT");
        Api agent = fixtures.api(agentUser);
        long ticket = ticket(agent, "P3", "+8613933334444");
        long party = party(agent, ticket, "D-" + unique(), "+8613800003333");
        Api keyed = agent.header("Idempotency-Key", "relay-" + unique());
        Response first = keyed.post("/api/v1/tickets/" + ticket + "/relay/bindings", body("counterpartyId", party, "caller", "AGENT"))
                .expect(201);
        Response again = keyed.post("/api/v1/tickets/" + ticket + "/relay/bindings", body("counterpartyId", party, "caller", "AGENT"));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        // a double click without a key answers the live binding too
        assertThat(agent.post("/api/v1/tickets/" + ticket + "/relay/bindings", body("counterpartyId", party, "caller", "AGENT"))
                .id()).isEqualTo(first.id());
        assertThat(jdbc.sql("select count(*) from relay_binding where ticket_id = ?").param(ticket).query(Long.class).single())
                .isEqualTo(1);
        // the same key for another request is refused
        keyed.post("/api/v1/tickets/" + ticket + "/relay/bindings", body("counterpartyId", party, "caller", "CUSTOMER")).expect(422);

        // masked for the agent; a reveal needs a reason and is audited
        Response shown = agent.get("/api/v1/tickets/" + ticket + "/relay");
        assertThat(shown.body()).doesNotContain("13800003333").contains("138****3333");
        fixtures.api(fixtures.user("OUTSOURCED")).post("/api/v1/relay/bindings/" + first.id() + "/reveal", body("reason", "核实"))
                .expect(403);
        agent.post("/api/v1/relay/bindings/" + first.id() + "/reveal", body("reason", "")).expect(422);
        Response revealed = agent.post("/api/v1/relay/bindings/" + first.id() + "/reveal", body("reason", "客户要求核实司机号码"))
                .expect(200);
        assertThat(revealed.json().path("phoneB").asString()).isEqualTo("+8613800003333");
        assertThat(jdbc.sql("select actor from audit_entry where action = 'relay.reveal' and subject = ?")
                .param("relay-binding:" + first.id()).query(String.class).list()).containsExactly(agentUser.username());
        String ticketNumber = agent.get("/api/v1/tickets/" + ticket).json().path("number").asString();
        List<String> bindAudit = jdbc.sql("select details from audit_entry where action = 'relay.bind' and subject = ?")
                .param("ticket:" + ticketNumber).query(String.class).list();
        assertThat(bindAudit).hasSize(1);
        assertThat(bindAudit.get(0)).contains("138****3333").doesNotContain("13800003333");

        // released by hand: the simulated provider no longer holds it, and the case can bind again
        String subs = relay.binding(first.id()).subsId();
        assertThat(simulated.live(subs)).isTrue();
        agent.post("/api/v1/relay/bindings/" + first.id() + "/release", null).expect(200);
        assertThat(simulated.live(subs)).isFalse();
        assertThat(agent.post("/api/v1/tickets/" + ticket + "/relay/bindings", body("counterpartyId", party, "caller", "AGENT"))
                .expect(201).id()).isNotEqualTo(first.id());
    }

    @Test
    void theComplaintsGroupRestrictsTheDriverOnThePlatformAndTheClosedCaseLiftsIt() {
        settings.use(new RelaySettings.Platform(remote.baseUrl(), "platform-token", "/accounts/{account}",
                "/accounts/{account}/restrictions", "/accounts/{account}/restrictions/{restriction}"));
        String account = "D" + unique();
        remote.stubFor(get(urlEqualTo("/accounts/" + account)).withHeader("Authorization", equalTo("Bearer platform-token"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"phone\":\"+8613800004444\"}")));
        remote.stubFor(post(urlEqualTo("/accounts/" + account + "/restrictions")).withHeader("Authorization", equalTo("Bearer platform-token"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"restrictionId\":\"PR-1\"}")));
        remote.stubFor(delete(urlEqualTo("/accounts/" + account + "/restrictions/PR-1")).willReturn(aResponse().withStatus(204)));
        Api agent = fixtures.api(fixtures.user("AGENT"));
        Api complaints = fixtures.api(fixtures.user("COMPLAINTS"));
        long ticket = ticket(agent, "P1", "+8613944445555");
        long party = party(agent, ticket, account, null);
        // the driver's phone comes from the platform, never typed or seen by the agent
        agent.post("/api/v1/tickets/" + ticket + "/relay/bindings", body("counterpartyId", party, "caller", "AGENT")).expect(201);
        assertThat(relay.bindings(ticket).get(0).phoneB()).isEqualTo("+8613800004444");

        String until = OffsetDateTime.now().plusDays(3).toString();
        agent.post("/api/v1/tickets/" + ticket + "/relay/restrictions", body("counterpartyId", party, "reason", "安全事件", "until", until))
                .expect(403);
        complaints.post("/api/v1/tickets/" + ticket + "/relay/restrictions", body("counterpartyId", party, "reason", "", "until", until))
                .expect(422);
        complaints.post("/api/v1/tickets/" + ticket + "/relay/restrictions", body("counterpartyId", party, "reason", "安全事件",
                "until", OffsetDateTime.now().plusDays(200).toString())).expect(422);
        long first = complaints.post("/api/v1/tickets/" + ticket + "/relay/restrictions", body("counterpartyId", party,
                "reason", "乘客反映司机威胁，安全事件", "until", until)).expect(201).id();
        remote.verify(postRequestedFor(urlEqualTo("/accounts/" + account + "/restrictions"))
                .withRequestBody(containing("乘客反映司机威胁")).withRequestBody(containing("\"caseRef\"")));
        // lifted by hand
        Response lifted = complaints.post("/api/v1/relay/restrictions/" + first + "/lift", body("note", "核实无误")).expect(200);
        assertThat(lifted.json().path("state").asString()).isEqualTo("LIFTED");
        assertThat(lifted.json().path("liftReason").asString()).isEqualTo("BY_HAND");
        remote.verify(1, deleteRequestedFor(urlEqualTo("/accounts/" + account + "/restrictions/PR-1")));
        // restricted again, then the case closes: lifted with it
        long second = complaints.post("/api/v1/tickets/" + ticket + "/relay/restrictions", body("counterpartyId", party,
                "reason", "再次限制", "until", until)).expect(201).id();
        close(agent, ticket);
        restrictions.liftDue();
        assertThat(restrictions.restriction(second).state()).isEqualTo("LIFTED");
        assertThat(restrictions.restriction(second).liftReason()).isEqualTo("CASE_CLOSED");
        assertThat(kinds(ticket)).contains("PARTY_RESTRICTED", "PARTY_LIFTED");
        assertThat(jdbc.sql("select count(*) from audit_entry where action in ('counterparty.restrict', 'counterparty.lift') "
                + "and (subject like 'relay-restriction:%' or details like ?)").param("%" + account + "%").query(Long.class).single())
                .isGreaterThanOrEqualTo(4);

        // a case that is not serious cannot restrict
        long minor = ticket(agent, "P4", "+8613944446666");
        long minorParty = party(agent, minor, "D" + unique(), "+8613800005555");
        complaints.post("/api/v1/tickets/" + minor + "/relay/restrictions", body("counterpartyId", minorParty, "reason", "不严重",
                "until", until)).expect(409);
    }

    @Test
    void restrictionsEndWhenTheirTimeRunsOutOnTheSimulatedPlatform() {
        Api agent = fixtures.api(fixtures.user("AGENT"));
        Api complaints = fixtures.api(fixtures.user("COMPLAINTS"));
        long ticket = ticket(agent, "P2", "+8613955556666");
        long party = party(agent, ticket, "D" + unique(), null);
        long id = complaints.post("/api/v1/tickets/" + ticket + "/relay/restrictions", body("counterpartyId", party,
                "reason", "安全事件", "until", OffsetDateTime.now().plusDays(1).toString())).expect(201).id();
        String ref = restrictions.restriction(id).platformRef();
        assertThat(platform.simulatedActive(ref)).isTrue();
        restrictions.liftDue();
        assertThat(restrictions.restriction(id).state()).isEqualTo("ACTIVE");
        try (var moved = clock.moved(Duration.ofDays(1).plusMinutes(1))) {
            restrictions.liftDue();
        }
        assertThat(restrictions.restriction(id).state()).isEqualTo("LIFTED");
        assertThat(restrictions.restriction(id).liftReason()).isEqualTo("EXPIRED");
        assertThat(platform.simulatedActive(ref)).isFalse();
    }

}
