package org.kept.aftersales.internal;

import org.kept.shared.OutboundHttp;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alipay open API: {@code alipay.trade.refund} with {@code out_request_no}, {@code alipay.trade.fastpay.refund.query},
 * requests signed RSA2 (SHA256withRSA over the sorted parameters), and the asynchronous notification verified the
 * same way with Alipay's public key; a notification for a refund names our number in {@code out_biz_no}.
 */
@Component
class AlipayProvider implements RefundProvider {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final AftersalesSettings settings;
    private final OutboundHttp http;
    private final JsonMapper json;
    private final Clock clock;

    AlipayProvider(AftersalesSettings settings, OutboundHttp http, JsonMapper json, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String code() {
        return "ALIPAY";
    }

    @Override
    public ProviderAnswer submit(RefundOrder order) {
        Map<String, Object> biz = new LinkedHashMap<>();
        biz.put("out_trade_no", order.orderNo());
        if (order.transactionId() != null) {
            biz.put("trade_no", order.transactionId());
        }
        biz.put("refund_amount", org.kept.shared.Money.of(order.refundMinor(), order.currency()).decimal());
        biz.put("out_request_no", order.refundNo());
        if (order.reason() != null) {
            biz.put("refund_reason", order.reason());
        }
        var reply = call("alipay.trade.refund", biz);
        if (reply.inconclusive()) {
            return ProviderAnswer.unknown(order.refundNo(), "Alipay: HTTP " + reply.status());
        }
        JsonNode r = node(reply.body(), "alipay_trade_refund_response");
        if (r == null) {
            return ProviderAnswer.unknown(order.refundNo(), "Alipay: unreadable answer");
        }
        String code = r.path("code").asString("");
        if (code.equals("10000")) {
            // fund_change=N: this call moved nothing (a repeat of a number already refunded); the query says how it stands
            boolean moved = "Y".equals(r.path("fund_change").asString(""));
            return new ProviderAnswer(order.refundNo(), moved ? RefundState.SUCCEEDED : RefundState.PROCESSING,
                    r.path("trade_no").asString(null), "fund_change=" + r.path("fund_change").asString(""));
        }
        return failure(order.refundNo(), code, r);
    }

    @Override
    public ProviderAnswer query(RefundOrder order) {
        Map<String, Object> biz = new LinkedHashMap<>();
        biz.put("out_trade_no", order.orderNo());
        biz.put("out_request_no", order.refundNo());
        biz.put("query_options", java.util.List.of("gmt_refund_pay"));
        var reply = call("alipay.trade.fastpay.refund.query", biz);
        if (reply.inconclusive()) {
            return ProviderAnswer.unknown(order.refundNo(), "Alipay: HTTP " + reply.status());
        }
        JsonNode r = node(reply.body(), "alipay_trade_fastpay_refund_query_response");
        if (r == null) {
            return ProviderAnswer.unknown(order.refundNo(), "Alipay: unreadable answer");
        }
        String code = r.path("code").asString("");
        if (!code.equals("10000")) {
            return failure(order.refundNo(), code, r);
        }
        String status = r.path("refund_status").asString("");
        if (status.equals("REFUND_SUCCESS")) {
            return new ProviderAnswer(order.refundNo(), RefundState.SUCCEEDED, r.path("trade_no").asString(null), status);
        }
        // no refund under this number: Alipay never took it, the same number may be sent again
        return new ProviderAnswer(order.refundNo(), RefundState.REQUESTED, null, "Alipay: no refund " + order.refundNo());
    }

    private ProviderAnswer failure(String refundNo, String code, JsonNode r) {
        String sub = r.path("sub_code").asString("");
        String text = "Alipay " + code + " " + sub + ": " + r.path("sub_msg").asString(r.path("msg").asString(""));
        if (code.equals("20000") || sub.equals("ACQ.SYSTEM_ERROR") || sub.equals("ACQ.SELLER_BALANCE_NOT_ENOUGH")) {
            return ProviderAnswer.unknown(refundNo, text);
        }
        return new ProviderAnswer(refundNo, RefundState.FAILED, null, text);
    }

    private OutboundHttp.Reply call(String method, Map<String, Object> biz) {
        var a = settings.alipay();
        Map<String, String> params = new TreeMap<>();
        params.put("app_id", a.appId());
        params.put("method", method);
        params.put("format", "JSON");
        params.put("charset", "utf-8");
        params.put("sign_type", "RSA2");
        params.put("timestamp", TIMESTAMP.format(clock.instant()));
        params.put("version", "1.0");
        params.put("biz_content", json.writeValueAsString(biz));
        if (!a.appPrivateKey().isBlank()) {
            params.put("sign", Signatures.sign(Signatures.privateKey(a.appPrivateKey()), signedContent(params)));
        }
        String form = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.exchange(OutboundHttp.to(a.gateway())
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)));
    }

    private JsonNode node(String body, String name) {
        try {
            JsonNode r = json.readTree(body).path(name);
            return r.isMissingNode() ? null : r;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Every parameter but sign and sign_type, non-empty, sorted, as k=v joined with '&' (Alipay's RSA2 content). */
    static String signedContent(Map<String, String> params) {
        return new TreeMap<>(params).entrySet().stream()
                .filter(e -> !e.getKey().equals("sign") && !e.getKey().equals("sign_type"))
                .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    static Map<String, String> form(String body) {
        Map<String, String> params = new TreeMap<>();
        if (body == null || body.isBlank()) {
            return params;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    @Override
    public Optional<ProviderAnswer> notification(Map<String, String> headers, String body) {
        var a = settings.alipay();
        Map<String, String> params = form(body);
        if (a.alipayPublicKey().isBlank() || !"RSA2".equals(params.get("sign_type"))
                || !Signatures.verify(Signatures.publicKey(a.alipayPublicKey()), signedContent(params), params.get("sign"))) {
            return Optional.empty();
        }
        if (a.appId() != null && !a.appId().isBlank() && !a.appId().equals(params.get("app_id"))) {
            return Optional.empty();
        }
        String refundNo = params.get("out_biz_no");
        if (refundNo == null || params.get("refund_fee") == null) {
            return Optional.empty();
        }
        return Optional.of(new ProviderAnswer(refundNo, RefundState.SUCCEEDED, params.get("trade_no"),
                "gmt_refund=" + params.getOrDefault("gmt_refund", "")));
    }

    @Override
    public String acknowledge(boolean taken) {
        return taken ? "success" : "fail";
    }
}
