package org.kept.aftersales.internal;

import org.kept.shared.OutboundHttp;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WeChat Pay API v3 domestic refunds: {@code POST /v3/refund/domestic/refunds} with {@code out_refund_no},
 * {@code GET /v3/refund/domestic/refunds/{out_refund_no}}, requests signed {@code WECHATPAY2-SHA256-RSA2048}, and the
 * refund notification verified (Wechatpay-Timestamp, -Nonce, -Signature over "timestamp\nnonce\nbody\n" with the
 * platform key) and its resource decrypted (AEAD_AES_256_GCM with the APIv3 key).
 */
@Component
class WechatPayProvider implements RefundProvider {

    /** A notification older or newer than this is refused (a replayed one). */
    static final Duration SKEW = Duration.ofMinutes(5);

    private final AftersalesSettings settings;
    private final OutboundHttp http;
    private final JsonMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    WechatPayProvider(AftersalesSettings settings, OutboundHttp http, JsonMapper json, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String code() {
        return "WECHAT";
    }

    @Override
    public ProviderAnswer submit(RefundOrder order) {
        var w = settings.wechat();
        Map<String, Object> body = new LinkedHashMap<>();
        if (order.transactionId() != null) {
            body.put("transaction_id", order.transactionId());
        } else {
            body.put("out_trade_no", order.orderNo());
        }
        body.put("out_refund_no", order.refundNo());
        if (order.reason() != null && !order.reason().isBlank()) {
            body.put("reason", order.reason().length() > 80 ? order.reason().substring(0, 80) : order.reason());
        }
        if (w.notifyUrl() != null && !w.notifyUrl().isBlank()) {
            body.put("notify_url", w.notifyUrl());
        }
        body.put("amount", Map.of("refund", order.refundMinor(), "total", order.totalMinor(), "currency", order.currency()));
        String payload = json.writeValueAsString(body);
        String path = "/v3/refund/domestic/refunds";
        var reply = http.exchange(OutboundHttp.to(w.baseUrl() + path)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", authorization("POST", path, payload))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)));
        return answer(order.refundNo(), reply);
    }

    @Override
    public ProviderAnswer query(RefundOrder order) {
        String path = "/v3/refund/domestic/refunds/" + order.refundNo();
        var reply = http.exchange(OutboundHttp.to(settings.wechat().baseUrl() + path).header("Accept", "application/json")
                .header("Authorization", authorization("GET", path, "")).GET());
        if (reply.status() == 404) {
            return new ProviderAnswer(order.refundNo(), RefundState.REQUESTED, null, "WeChat Pay: RESOURCE_NOT_EXISTS");
        }
        return answer(order.refundNo(), reply);
    }

    private ProviderAnswer answer(String refundNo, OutboundHttp.Reply reply) {
        if (reply.inconclusive()) {
            return ProviderAnswer.unknown(refundNo, "WeChat Pay: HTTP " + reply.status());
        }
        JsonNode node;
        try {
            node = json.readTree(reply.body());
        } catch (RuntimeException e) {
            return ProviderAnswer.unknown(refundNo, "WeChat Pay: unreadable answer");
        }
        if (reply.status() >= 400) {
            String code = node.path("code").asString("");
            String text = "WeChat Pay " + code + ": " + node.path("message").asString("");
            // busy or a limit: the same number is tried again later; anything else refused this refund for good
            if (code.equals("SYSTEM_ERROR") || code.equals("FREQUENCY_LIMITED") || code.equals("NOT_ENOUGH")) {
                return ProviderAnswer.unknown(refundNo, text);
            }
            return new ProviderAnswer(refundNo, RefundState.FAILED, null, text);
        }
        return new ProviderAnswer(refundNo, state(node.path("status").asString("")), node.path("refund_id").asString(null),
                node.path("status").asString(""));
    }

    static RefundState state(String status) {
        return switch (status) {
            case "SUCCESS" -> RefundState.SUCCEEDED;
            case "CLOSED" -> RefundState.CLOSED;
            case "PROCESSING" -> RefundState.PROCESSING;
            // ABNORMAL: the money is stuck at the bank; a person handles it, the amount stays counted
            default -> null;
        };
    }

    @Override
    public Optional<ProviderAnswer> notification(Map<String, String> headers, String body) {
        var w = settings.wechat();
        String timestamp = headers.get("wechatpay-timestamp");
        String nonce = headers.get("wechatpay-nonce");
        String signature = headers.get("wechatpay-signature");
        if (timestamp == null || nonce == null || signature == null || w.platformPublicKey().isBlank()) {
            return Optional.empty();
        }
        long sent;
        try {
            sent = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (Math.abs(clock.instant().getEpochSecond() - sent) > SKEW.toSeconds()) {
            return Optional.empty();
        }
        if (!Signatures.verify(Signatures.publicKey(w.platformPublicKey()), timestamp + "\n" + nonce + "\n" + body + "\n",
                signature)) {
            return Optional.empty();
        }
        try {
            JsonNode resource = json.readTree(body).path("resource");
            if (!"AEAD_AES_256_GCM".equals(resource.path("algorithm").asString(""))) {
                return Optional.empty();
            }
            String plain = Signatures.decryptAesGcm(w.apiV3Key(), resource.path("associated_data").asString(""),
                    resource.path("nonce").asString(""), resource.path("ciphertext").asString(""));
            JsonNode refund = json.readTree(plain);
            String status = refund.path("refund_status").asString("");
            return Optional.of(new ProviderAnswer(refund.path("out_refund_no").asString(), state(status),
                    refund.path("refund_id").asString(null), status));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private String authorization(String method, String path, String body) {
        var w = settings.wechat();
        if (w.merchantPrivateKey().isBlank()) {
            return "WECHATPAY2-SHA256-RSA2048 mchid=\"" + w.mchId() + "\"";
        }
        long timestamp = clock.instant().getEpochSecond();
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String nonce = HexFormat.of().formatHex(bytes);
        String message = method + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n";
        String signature = Signatures.sign(Signatures.privateKey(w.merchantPrivateKey()), message);
        return "WECHATPAY2-SHA256-RSA2048 mchid=\"" + w.mchId() + "\",nonce_str=\"" + nonce + "\",signature=\"" + signature
                + "\",timestamp=\"" + timestamp + "\",serial_no=\"" + w.merchantSerial() + "\"";
    }
}
