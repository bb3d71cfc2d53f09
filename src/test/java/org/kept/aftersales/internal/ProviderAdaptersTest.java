package org.kept.aftersales.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WeChat Pay v3 and Alipay adapters against WireMock stand-ins, with keys made for the test: request shapes with
 * our refund number as out_refund_no / out_request_no, answers mapped to states, signed notifications verified (and
 * forged, tampered or stale ones refused), WeChat's AEAD_AES_256_GCM resource decrypted.
 */
class ProviderAdaptersTest {

    static WireMockServer server;
    static KeyPair merchant;
    static KeyPair platform;
    static final String API_V3_KEY = "0123456789abcdef0123456789abcdef";
    static final Instant NOW = Instant.parse("2026-12-02T02:00:00Z");

    final JsonMapper json = JsonMapper.builder().build();
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    AftersalesSettings settings;

    @BeforeAll
    static void start() throws Exception {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        merchant = g.generateKeyPair();
        platform = g.generateKeyPair();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static String pem(java.security.Key key) {
        return Base64.getMimeEncoder().encodeToString(key.getEncoded());
    }

    AftersalesSettings settings() {
        var s = new AftersalesSettings("", "", server.baseUrl(), "1900000001", "SERIAL1", pem(merchant.getPrivate()),
                pem(platform.getPublic()), API_V3_KEY, "https://kept.example/api/v1/hooks/refunds/t/wechat",
                server.baseUrl() + "/gateway.do", "2021000000000001", pem(merchant.getPrivate()), pem(platform.getPublic()),
                "token", Duration.ofMinutes(1), Duration.ofSeconds(30), "REFUND", "COMPENSATION");
        return s;
    }

    static final RefundProvider.RefundOrder ORDER = new RefundProvider.RefundOrder("KR261202ABC", "T100", "4200000001",
            1230, 5000, "CNY", "七天无理由");

    @Test
    void wechatSubmitSendsOurNumberAndAmountsAndSignsTheRequest() {
        server.resetAll();
        server.stubFor(post(urlEqualTo("/v3/refund/domestic/refunds"))
                .withRequestBody(matchingJsonPath("$.out_refund_no", equalTo("KR261202ABC")))
                .withRequestBody(matchingJsonPath("$.transaction_id", equalTo("4200000001")))
                .withRequestBody(matchingJsonPath("$.amount.refund", equalTo("1230")))
                .withRequestBody(matchingJsonPath("$.amount.total", equalTo("5000")))
                .withHeader("Authorization", matching("WECHATPAY2-SHA256-RSA2048 mchid=\"1900000001\",nonce_str=\".+\",signature=\".+\",timestamp=\"\\d+\",serial_no=\"SERIAL1\""))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"refund_id\":\"50000000382019052709732678859\",\"out_refund_no\":\"KR261202ABC\",\"status\":\"PROCESSING\"}")));
        var answer = new WechatPayProvider(settings(), new org.kept.shared.OutboundHttp(), json, clock).submit(ORDER);
        assertThat(answer.state()).isEqualTo(RefundState.PROCESSING);
        assertThat(answer.providerRefundId()).isEqualTo("50000000382019052709732678859");
    }

    @Test
    void wechatErrorsAreInconclusiveOrARefusalAndAnUnknownNumberIsNotFound() {
        server.resetAll();
        var provider = new WechatPayProvider(settings(), new org.kept.shared.OutboundHttp(), json, clock);
        server.stubFor(post(urlEqualTo("/v3/refund/domestic/refunds")).willReturn(aResponse().withStatus(500)
                .withBody("{\"code\":\"SYSTEM_ERROR\",\"message\":\"系统超时\"}")));
        assertThat(provider.submit(ORDER).state()).isNull();
        server.stubFor(post(urlEqualTo("/v3/refund/domestic/refunds")).willReturn(aResponse().withStatus(403)
                .withBody("{\"code\":\"USER_ACCOUNT_ABNORMAL\",\"message\":\"退款请求失败\"}")));
        assertThat(provider.submit(ORDER).state()).isEqualTo(RefundState.FAILED);
        server.stubFor(get(urlEqualTo("/v3/refund/domestic/refunds/KR261202ABC")).willReturn(aResponse().withStatus(404)
                .withBody("{\"code\":\"RESOURCE_NOT_EXISTS\",\"message\":\"退款单不存在\"}")));
        assertThat(provider.query(ORDER).state()).isEqualTo(RefundState.REQUESTED);
        server.stubFor(get(urlEqualTo("/v3/refund/domestic/refunds/KR261202ABC")).willReturn(aResponse().withStatus(200)
                .withBody("{\"refund_id\":\"5\",\"out_refund_no\":\"KR261202ABC\",\"status\":\"SUCCESS\"}")));
        assertThat(provider.query(ORDER).state()).isEqualTo(RefundState.SUCCEEDED);
    }

    /** A refund notification as WeChat Pay sends it: the resource encrypted with the APIv3 key, the body signed. */
    static Map<String, String> wechatNotification(String refundNo, String status, long timestamp, StringBuilder body)
            throws Exception {
        String plain = "{\"mchid\":\"1900000001\",\"out_trade_no\":\"T100\",\"transaction_id\":\"4200000001\","
                + "\"out_refund_no\":\"" + refundNo + "\",\"refund_id\":\"50000\",\"refund_status\":\"" + status + "\","
                + "\"success_time\":\"2026-12-02T10:00:00+08:00\",\"amount\":{\"total\":5000,\"refund\":1230,\"payer_total\":5000,\"payer_refund\":1230}}";
        String nonce = "fdasflkja484";
        String ciphertext = Signatures.encryptAesGcm(API_V3_KEY, "refund", nonce, plain);
        body.append("{\"id\":\"EV-2018022511223320873\",\"create_time\":\"2026-12-02T10:00:00+08:00\",\"resource_type\":\"encrypt-resource\","
                + "\"event_type\":\"REFUND.SUCCESS\",\"summary\":\"退款成功\",\"resource\":{\"original_type\":\"refund\","
                + "\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\"" + ciphertext + "\",\"associated_data\":\"refund\",\"nonce\":\""
                + nonce + "\"}}");
        String headerNonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
        String signature = Signatures.sign(platform.getPrivate(), timestamp + "\n" + headerNonce + "\n" + body + "\n");
        return Map.of("wechatpay-timestamp", String.valueOf(timestamp), "wechatpay-nonce", headerNonce,
                "wechatpay-signature", signature, "wechatpay-serial", "PLATFORM1", "wechatpay-signature-type", "WECHATPAY2-SHA256-RSA2048");
    }

    @Test
    void wechatNotificationIsVerifiedAndDecrypted() throws Exception {
        var provider = new WechatPayProvider(settings(), new org.kept.shared.OutboundHttp(), json, clock);
        StringBuilder body = new StringBuilder();
        var headers = wechatNotification("KR261202ABC", "SUCCESS", NOW.getEpochSecond(), body);
        var answer = provider.notification(headers, body.toString()).orElseThrow();
        assertThat(answer.refundNo()).isEqualTo("KR261202ABC");
        assertThat(answer.state()).isEqualTo(RefundState.SUCCEEDED);
        // a changed body, a forged signature, a stale timestamp: refused
        assertThat(provider.notification(headers, body.toString().replace("REFUND.SUCCESS", "REFUND.CLOSED"))).isEmpty();
        var forged = new java.util.HashMap<>(headers);
        forged.put("wechatpay-signature", Signatures.sign(merchant.getPrivate(), "x"));
        assertThat(provider.notification(forged, body.toString())).isEmpty();
        StringBuilder old = new StringBuilder();
        var stale = wechatNotification("KR261202ABC", "SUCCESS", NOW.minus(Duration.ofMinutes(6)).getEpochSecond(), old);
        assertThat(provider.notification(stale, old.toString())).isEmpty();
    }

    @Test
    void alipayRefundSendsOutRequestNoSignedRsa2() {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo("/gateway.do")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"alipay_trade_refund_response\":{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"2026120222001\","
                        + "\"out_trade_no\":\"T100\",\"fund_change\":\"Y\",\"refund_fee\":\"12.30\"},\"sign\":\"x\"}")));
        var answer = new AlipayProvider(settings(), new org.kept.shared.OutboundHttp(), json, clock).submit(ORDER);
        assertThat(answer.state()).isEqualTo(RefundState.SUCCEEDED);
        var request = server.findAll(postRequestedFor(urlPathEqualTo("/gateway.do"))).get(0);
        Map<String, String> params = AlipayProvider.form(request.getBodyAsString());
        assertThat(params).containsEntry("method", "alipay.trade.refund").containsEntry("sign_type", "RSA2")
                .containsEntry("app_id", "2021000000000001");
        assertThat(params.get("biz_content")).contains("\"out_request_no\":\"KR261202ABC\"").contains("\"refund_amount\":\"12.30\"");
        assertThat(Signatures.verify(merchant.getPublic(), AlipayProvider.signedContent(params), params.get("sign"))).isTrue();
        // a repeat of a number already refunded moves nothing: fund_change=N is not a success by itself
        server.stubFor(post(urlPathEqualTo("/gateway.do")).willReturn(aResponse().withStatus(200)
                .withBody("{\"alipay_trade_refund_response\":{\"code\":\"10000\",\"msg\":\"Success\",\"fund_change\":\"N\"}}")));
        assertThat(new AlipayProvider(settings(), new org.kept.shared.OutboundHttp(), json, clock).submit(ORDER).state())
                .isEqualTo(RefundState.PROCESSING);
        server.stubFor(post(urlPathEqualTo("/gateway.do")).willReturn(aResponse().withStatus(200)
                .withBody("{\"alipay_trade_refund_response\":{\"code\":\"40004\",\"msg\":\"Business Failed\","
                        + "\"sub_code\":\"ACQ.TRADE_HAS_CLOSE\",\"sub_msg\":\"交易已关闭\"}}")));
        assertThat(new AlipayProvider(settings(), new org.kept.shared.OutboundHttp(), json, clock).submit(ORDER).state())
                .isEqualTo(RefundState.FAILED);
    }

    @Test
    void alipayNotifyIsVerifiedWithAlipaysKey() {
        var provider = new AlipayProvider(settings(), new org.kept.shared.OutboundHttp(), json, clock);
        Map<String, String> params = new TreeMap<>(Map.of("notify_type", "trade_status_sync", "app_id", "2021000000000001",
                "out_trade_no", "T100", "trade_no", "2026120222001", "out_biz_no", "KR261202ABC", "refund_fee", "12.30",
                "gmt_refund", "2026-12-02 10:00:00.000", "trade_status", "TRADE_SUCCESS", "charset", "utf-8"));
        params.put("sign_type", "RSA2");
        params.put("sign", Signatures.sign(platform.getPrivate(), AlipayProvider.signedContent(params)));
        String body = params.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var answer = provider.notification(Map.of(), body).orElseThrow();
        assertThat(answer.refundNo()).isEqualTo("KR261202ABC");
        assertThat(answer.state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(provider.notification(Map.of(), body.replace("refund_fee=12.30", "refund_fee=99.00"))).isEmpty();
    }
}
