package org.kept.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.contact.Contact;
import org.kept.contact.Contacts;
import org.kept.contact.OutboundSender;
import org.kept.contact.OutboxMessage;
import org.kept.contact.internal.OutboxWorker;
import org.kept.customer.Customer;
import org.kept.identity.CurrentUser;
import org.kept.sms.internal.SmsSettings;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.TestClock;
import org.kept.ticket.Channel;
import org.kept.ticket.Tickets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sending through Aliyun and Tencent, played by WireMock: the request shapes and signatures, a busy provider retried
 * with backoff, a refusal that fails for good and shows on the ticket, and a crash between the provider's answer and
 * our commit: the same row is sent again under the same key, and the provider's id for it is the one kept.
 */
@KeptTest
class SmsProvidersTest {

    static WireMockServer provider;

    @Autowired
    Sms sms;
    @Autowired
    SmsSettings settings;
    @Autowired
    OutboxWorker worker;
    @Autowired
    List<OutboundSender> senders;
    @Autowired
    Contacts contacts;
    @Autowired
    Tickets tickets;
    @Autowired
    Fixtures fixtures;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startProvider() {
        provider = new WireMockServer(wireMockConfig().dynamicPort());
        provider.start();
    }

    @AfterAll
    static void stopProvider() {
        provider.stop();
    }

    @BeforeEach
    void pointAtTheProvider() {
        provider.resetAll();
        worker.drain();  // what other tests left due goes out before this test's provider is in place
    }

    @AfterEach
    void backToTheOutbox() {
        worker.drain();
        settings.use("outbox", settings.aliyun(), settings.tencent());
    }

    void use(String name) {
        settings.use(name,
                new SmsSettings.Aliyun(provider.baseUrl() + "/", "LTAI-test", "aliyun-secret", "凯普客服"),
                new SmsSettings.Tencent(provider.baseUrl() + "/", "AKID-test", "tencent-secret", "1400000001", "凯普客服",
                        "ap-guangzhou"));
    }

    record Sent(long contact, long ticket, Customer customer, CurrentUser agent) {
    }

    Sent queue(String template, Map<String, String> params) {
        CurrentUser agent = fixtures.user("AGENT");
        Customer customer = fixtures.customer("短信客户");
        long ticket = fixtures.ticket(fixtures.api(agent), customer.id(), "宽带报修").id();
        long contact = tx.execute(s -> sms.send(new Sms.SmsRequest(customer.phones().get(0), template, params, customer.id(),
                ticket)));
        return new Sent(contact, ticket, customer, agent);
    }

    OutboxMessage outboxOf(long contact) {
        long id = jdbc.sql("select outbox_id from sms_message where contact_id = ?").param(contact).query(Long.class).single();
        return jdbc.sql("select id, channel, contact_id, payload, state, attempts, next_at, provider_id, last_error "
                        + "from contact_outbox where id = ?").param(id)
                .query((rs, n) -> new OutboxMessage(rs.getLong(1), Channel.valueOf(rs.getString(2)), rs.getLong(3),
                        rs.getString(4), rs.getString(5), rs.getInt(6), null, rs.getString(8), rs.getString(9)))
                .single();
    }

    String smsState(long contact) {
        return jdbc.sql("select state from sms_message where contact_id = ?").param(contact).query(String.class).single();
    }

    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    @Test
    void aliyunGetsTheSignedSendSmsWithTheOutboxKeyAndItsBizIdIsKept() throws Exception {
        use("aliyun");
        provider.stubFor(post(urlEqualTo("/")).willReturn(okJson(
                "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"900619746936498440^0\",\"RequestId\":\"F655A8D5\"}")));
        Sent sent = queue("TICKET_UPDATE", Map.of("ticket", "20261203-0001", "text", "师傅明早九点上门"));

        worker.drain();

        OutboxMessage out = outboxOf(sent.contact());
        assertThat(out.state()).isEqualTo("SENT");
        assertThat(out.providerId()).isEqualTo("900619746936498440^0");
        assertThat(smsState(sent.contact())).isEqualTo("SENT");
        List<LoggedRequest> requests = provider.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(requests).hasSize(1);
        Map<String, String> form = form(requests.get(0));
        assertThat(form).containsEntry("Action", "SendSms").containsEntry("Version", "2017-05-25")
                .containsEntry("OutId", out.key()).containsEntry("TemplateCode", "SMS_TICKET_UPDATE")
                .containsEntry("SignName", "凯普客服").containsEntry("AccessKeyId", "LTAI-test")
                .containsEntry("SignatureMethod", "HMAC-SHA1")
                .containsEntry("PhoneNumbers", sent.customer().phones().get(0).substring(1));
        assertThat(form.get("TemplateParam")).contains("\"ticket\":\"20261203-0001\"", "\"text\":\"师傅明早九点上门\"");
        // the signature is Aliyun's: HMAC-SHA1 with "secret&" over POST&%2F&<sorted, encoded parameters>
        Map<String, String> sorted = new TreeMap<>(form);
        String signature = sorted.remove("Signature");
        StringBuilder query = new StringBuilder();
        sorted.forEach((k, v) -> query.append(query.isEmpty() ? "" : "&").append(pct(k)).append('=').append(pct(v)));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec("aliyun-secret&".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(
                ("POST&%2F&" + pct(query.toString())).getBytes(StandardCharsets.UTF_8)));
        assertThat(signature).isEqualTo(expected);
        Contact contact = contacts.find(sent.contact()).orElseThrow();
        assertThat(contact.ticketId()).isEqualTo(sent.ticket());
        assertThat(contact.summary()).isEqualTo("您的工单20261203-0001有新进展：师傅明早九点上门");
        assertThat(tickets.timeline(sent.ticket())).filteredOn(e -> e.kind().equals("CONTACT")).hasSize(1);
    }

    static String pct(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    @Test
    void aBusyProviderIsTriedAgainAfterTheBackoffAndThenSends() {
        use("aliyun");
        provider.stubFor(post(urlEqualTo("/")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("busy")).willSetStateTo("throttled"));
        provider.stubFor(post(urlEqualTo("/")).inScenario("busy").whenScenarioStateIs("throttled")
                .willReturn(okJson("{\"Code\":\"Throttling.User\",\"Message\":\"Request was denied due to user flow control.\"}"))
                .willSetStateTo("fine"));
        provider.stubFor(post(urlEqualTo("/")).inScenario("busy").whenScenarioStateIs("fine")
                .willReturn(okJson("{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"biz-after-retry\"}")));
        Sent sent = queue("SURVEY", Map.of("ticket", "20261203-0002"));

        worker.drain();
        OutboxMessage first = outboxOf(sent.contact());
        assertThat(first.state()).isEqualTo("PENDING");
        assertThat(first.lastError()).contains("503");
        worker.drain();
        assertThat(provider.findAll(postRequestedFor(urlEqualTo("/")))).as("not before the backoff").hasSize(1);

        try (var later = clock.moved(Duration.ofSeconds(11))) {
            worker.drain();
            assertThat(outboxOf(sent.contact()).lastError()).contains("Throttling.User");
        }
        try (var later = clock.moved(Duration.ofSeconds(40))) {
            worker.drain();
        }
        OutboxMessage done = outboxOf(sent.contact());
        assertThat(done.state()).isEqualTo("SENT");
        assertThat(done.providerId()).isEqualTo("biz-after-retry");
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(provider.findAll(postRequestedFor(urlEqualTo("/")))).extracting(r -> form(r).get("OutId"))
                .containsOnly(done.key());
    }

    @Test
    void aRefusedNumberFailsForGoodAndShowsOnTheTicket() {
        use("aliyun");
        provider.stubFor(post(urlEqualTo("/")).willReturn(okJson(
                "{\"Code\":\"isv.MOBILE_NUMBER_ILLEGAL\",\"Message\":\"非法手机号\"}")));
        Sent sent = queue("SURVEY", Map.of("ticket", "20261203-0003"));

        worker.drain();
        try (var later = clock.moved(Duration.ofHours(1))) {
            worker.drain();
        }

        assertThat(provider.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(1);
        assertThat(outboxOf(sent.contact()).state()).isEqualTo("FAILED");
        assertThat(smsState(sent.contact())).isEqualTo("FAILED");
        assertThat(contacts.find(sent.contact()).orElseThrow().outcome()).isEqualTo("FAILED");
        assertThat(tickets.timeline(sent.ticket())).filteredOn(e -> e.kind().equals("CONTACT_OUTCOME")).singleElement()
                .satisfies(e -> {
                    assertThat(e.newValue()).isEqualTo("FAILED");
                    assertThat(e.body()).contains("isv.MOBILE_NUMBER_ILLEGAL");
                });
    }

    @Test
    void aCrashBetweenSendAndCommitSendsTheSameKeyAgainAndKeepsTheProvidersId() throws Exception {
        use("aliyun");
        // the provider recognises the OutId it has seen and answers with the same BizId
        provider.stubFor(post(urlEqualTo("/")).willReturn(okJson("{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"biz-once\"}")));
        Sent sent = queue("SURVEY", Map.of("ticket", "20261203-0004"));
        OutboxMessage row = outboxOf(sent.contact());
        OutboundSender smsSender = senders.stream().filter(s -> s.channel() == Channel.SMS).findFirst().orElseThrow();

        // a worker sent it and died before recording the answer: the row is still pending
        assertThat(smsSender.send(row)).isEqualTo("biz-once");
        assertThat(outboxOf(sent.contact()).state()).isEqualTo("PENDING");

        worker.drain();

        List<LoggedRequest> requests = provider.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(requests).hasSize(2).extracting(r -> form(r).get("OutId")).containsOnly(row.key());
        OutboxMessage done = outboxOf(sent.contact());
        assertThat(done.state()).isEqualTo("SENT");
        assertThat(done.providerId()).isEqualTo("biz-once");
        assertThat(contacts.ofTicket(sent.ticket())).hasSize(1);
        worker.drain();
        assertThat(provider.findAll(postRequestedFor(urlEqualTo("/")))).as("settled rows are not sent again").hasSize(2);
    }

    @Test
    void tencentGetsTheTc3SignedSendSmsWithParametersInTemplateOrder() {
        use("tencent");
        provider.stubFor(post(urlEqualTo("/")).withHeader("X-TC-Action", equalTo("SendSms")).inScenario("limit")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"Response\":{\"Error\":{\"Code\":\"RequestLimitExceeded\",\"Message\":\"too fast\"},"
                        + "\"RequestId\":\"r1\"}}")).willSetStateTo("ok"));
        provider.stubFor(post(urlEqualTo("/")).withHeader("X-TC-Action", equalTo("SendSms")).inScenario("limit")
                .whenScenarioStateIs("ok")
                .willReturn(okJson("{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"5000:1045710669157053657849499619\","
                        + "\"PhoneNumber\":\"+8613711112222\",\"Fee\":1,\"SessionContext\":\"x\",\"Code\":\"Ok\","
                        + "\"Message\":\"send success\",\"IsoCode\":\"CN\"}],\"RequestId\":\"r2\"}}")));
        Sent sent = queue("CALLBACK_MISSED", Map.of("hotline", "95000", "ticket", "20261203-0005"));

        worker.drain();
        assertThat(outboxOf(sent.contact()).state()).isEqualTo("PENDING");
        try (var later = clock.moved(Duration.ofSeconds(11))) {
            worker.drain();
        }

        OutboxMessage done = outboxOf(sent.contact());
        assertThat(done.state()).isEqualTo("SENT");
        assertThat(done.providerId()).isEqualTo("5000:1045710669157053657849499619");
        provider.verify(2, postRequestedFor(urlEqualTo("/"))
                .withHeader("Authorization", matching("TC3-HMAC-SHA256 Credential=AKID-test/\\d{4}-\\d{2}-\\d{2}/sms/tc3_request, "
                        + "SignedHeaders=content-type;host, Signature=[0-9a-f]{64}"))
                .withHeader("X-TC-Version", equalTo("2021-01-11"))
                .withHeader("X-TC-Region", equalTo("ap-guangzhou"))
                .withRequestBody(matchingJsonPath("$.SessionContext", equalTo(done.key())))
                .withRequestBody(matchingJsonPath("$.SmsSdkAppId", equalTo("1400000001")))
                .withRequestBody(matchingJsonPath("$.TemplateId", equalTo("SMS_CALLBACK_MISSED")))
                .withRequestBody(matchingJsonPath("$.PhoneNumberSet[0]", equalTo(sent.customer().phones().get(0))))
                .withRequestBody(containing("\"TemplateParamSet\":[\"20261203-0005\",\"95000\"]")));
    }
    @Test
    void deliveryReportsConcludeTheContactOnceAndAFailureShowsOnTheTicket() {
        use("aliyun");
        provider.stubFor(post(urlEqualTo("/")).withHeader("X-TC-Action", equalTo("SendSms"))
                .willReturn(okJson("{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"sid-" + System.nanoTime()
                        + "\",\"Code\":\"Ok\",\"Message\":\"send success\"}],\"RequestId\":\"r\"}}")));
        provider.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=SendSms"))
                .willReturn(okJson("{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"biz-report-" + System.nanoTime() + "\"}")));
        Sent delivered = queue("SURVEY", Map.of("ticket", "20261203-0006"));
        worker.drain();
        use("tencent");
        Sent undelivered = queue("SURVEY", Map.of("ticket", "20261203-0007"));
        worker.drain();
        OutboxMessage aliyunRow = outboxOf(delivered.contact());
        OutboxMessage tencentRow = outboxOf(undelivered.contact());
        Api hook = fixtures.api();
        String base = "/api/v1/hooks/sms/" + settings.callbackToken();

        Object aliyunReport = List.of(Api.body("phone_number", delivered.customer().phones().get(0).substring(3),
                "send_time", "2026-12-03 10:00:00", "report_time", "2026-12-03 10:00:08", "success", true,
                "err_code", "DELIVERED", "err_msg", "用户接收成功", "sms_size", "1", "biz_id", aliyunRow.providerId(),
                "out_id", aliyunRow.key()));
        for (int i = 0; i < 2; i++) {
            assertThat(hook.post(base + "/aliyun/reports", aliyunReport).expect(200).json().path("code").asInt())
                    .isZero();
        }
        Object tencentReport = List.of(Api.body("user_receive_time", "2026-12-03 10:01:00", "nationcode", "86",
                "mobile", undelivered.customer().phones().get(0).substring(3), "report_status", "FAIL",
                "errmsg", "MK:0012", "description", "用户关机", "sid", tencentRow.providerId()));
        for (int i = 0; i < 2; i++) {
            assertThat(hook.post(base + "/tencent/reports", tencentReport).expect(200).json().path("result").asInt())
                    .isZero();
        }
        hook.post("/api/v1/hooks/sms/wrong-token/aliyun/reports", aliyunReport).expect(404);

        assertThat(contacts.find(delivered.contact()).orElseThrow().outcome()).isEqualTo("DELIVERED");
        assertThat(smsState(delivered.contact())).isEqualTo("DELIVERED");
        assertThat(tickets.timeline(delivered.ticket())).filteredOn(e -> e.kind().equals("CONTACT_OUTCOME"))
                .singleElement().satisfies(e -> assertThat(e.newValue()).isEqualTo("DELIVERED"));
        assertThat(contacts.find(undelivered.contact()).orElseThrow().outcome()).isEqualTo("FAILED");
        assertThat(tickets.timeline(undelivered.ticket())).filteredOn(e -> e.kind().equals("CONTACT_OUTCOME"))
                .singleElement().satisfies(e -> {
                    assertThat(e.newValue()).isEqualTo("FAILED");
                    assertThat(e.body()).contains("MK:0012", "用户关机");
                });
    }
}
