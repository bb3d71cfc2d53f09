package org.kept.relay.internal;

import org.kept.shared.OutboundHttp;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Huawei Cloud PrivateNumber (隐私保护通话) AXB: bind {@code POST /rest/caas/relationnumber/partners/v1.0} with
 * {@code relationNum} (X, optional here), {@code callerNum}, {@code calleeNum}, {@code duration} (auto-unbind),
 * {@code recordFlag}, {@code maxDuration} (minutes per call) and {@code userData} (our ticket id), answering
 * {@code resultcode "0", relationNum, subscriptionId}; unbind {@code DELETE ...?subscriptionId=}. Requests carry the
 * AKSK headers: {@code Authorization: AKSK realm="SDP",profile="UsernameToken",type="Appkey"} and {@code X-AKSK:
 * UsernameToken Username=appKey, PasswordDigest=base64(HMAC-SHA256(appSecret, Nonce + Created)), Nonce, Created}
 * (Created in UTC, yyyy-MM-dd'T'HH:mm:ss'Z'). Call reports are the fee (话单)
 * notifications: {@code eventType "fee", feeLst[]} with {@code sessionId, subscriptionId, appKey, bindNum,
 * direction, fwdStartTime, fwdAnswerTime, callEndTime, ulFailReason, recordFlag, recordDomain, recordObjectName}
 * (UTC times); call events (callin, alerting, answer, disconnect) are acknowledged and not stored, the fee carries all
 * they say. Field names: support.huaweicloud.com/api-PrivateNumber (AXB 模式绑定接口, 解绑接口, 话单通知接口
 * privatenumber_02_0006_*; the digest rule was checked there, 2026-12).
 */
@Component
class HuaweiProvider implements NumberProvider {

    static final String PATH = "/rest/caas/relationnumber/partners/v1.0";
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final RelaySettings settings;
    private final OutboundHttp http;
    private final JsonMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    HuaweiProvider(RelaySettings settings, OutboundHttp http, JsonMapper json, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String code() {
        return "HUAWEI";
    }

    @Override
    public Bound bind(BindOrder order) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callerNum", order.phoneA());
        body.put("calleeNum", order.phoneB());
        long seconds = Math.max(60, order.expiresAt().getEpochSecond() - clock.instant().getEpochSecond());
        body.put("duration", seconds);
        body.put("recordFlag", Boolean.toString(order.recording()));
        body.put("maxDuration", order.maxCallMinutes());
        body.put("userData", Long.toString(order.ticketId()));
        var reply = http.exchange(signed(OutboundHttp.to(settings.huawei().baseUrl() + PATH))
                .header("Content-Type", "application/json;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8)));
        JsonNode answer = read(reply);
        if (!"0".equals(answer.path("resultcode").asString("")) || answer.path("subscriptionId").asString("").isEmpty()) {
            throw new ProviderRefused("Huawei " + answer.path("resultcode").asString("HTTP " + reply.status()) + ": "
                    + answer.path("resultdesc").asString(""));
        }
        return new Bound(answer.path("subscriptionId").asString(), answer.path("relationNum").asString(), null);
    }

    @Override
    public boolean unbind(String subsId, String secretNo, String poolKey) {
        var reply = http.exchange(signed(OutboundHttp.to(settings.huawei().baseUrl() + PATH + "?subscriptionId="
                + URLEncoder.encode(subsId, StandardCharsets.UTF_8))).DELETE());
        if (reply.status() == 0 || reply.status() >= 500) {
            return false;
        }
        // anything but a server trouble is final: released, or a binding Huawei no longer has
        return true;
    }

    private JsonNode read(OutboundHttp.Reply reply) {
        if (reply.status() == 0 || reply.status() >= 500) {
            throw new ProviderRefused("Huawei: HTTP " + reply.status());
        }
        try {
            return json.readTree(reply.body());
        } catch (RuntimeException e) {
            throw new ProviderRefused("Huawei: unreadable answer (HTTP " + reply.status() + ")");
        }
    }

    private HttpRequest.Builder signed(HttpRequest.Builder request) {
        var h = settings.huawei();
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String nonce = HexFormat.of().formatHex(bytes);
        String created = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        return request.header("Accept", "application/json")
                .header("Authorization", "AKSK realm=\"SDP\",profile=\"UsernameToken\",type=\"Appkey\"")
                .header("X-AKSK", "UsernameToken Username=\"" + h.appKey() + "\",PasswordDigest=\""
                        + digest(nonce, created, h.appSecret()) + "\",Nonce=\"" + nonce + "\",Created=\"" + created + "\"");
    }

    /**
     * PasswordDigest = Base64(HMAC-SHA256(key = app secret, message = Nonce + Created)), as Huawei's PrivateNumber API
     * reference gives it for the X-AKSK header (the strings joined as they are, no separators).
     */
    static String digest(String nonce, String created, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((nonce + created).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<List<CallReport>> reports(Map<String, String> headers, String body) {
        JsonNode root;
        try {
            root = json.readTree(body == null ? "" : body);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject() || root.path("eventType").asString("").isEmpty()) {
            return Optional.empty();
        }
        if (!"fee".equals(root.path("eventType").asString())) {
            return Optional.of(List.of());
        }
        String appKey = settings.huawei().appKey();
        List<CallReport> calls = new ArrayList<>();
        for (JsonNode f : root.path("feeLst")) {
            if (!appKey.isBlank() && !appKey.equals(f.path("appKey").asString(""))) {
                return Optional.empty();
            }
            String direction = f.path("ulFailReason").asInt(0) != 0 && f.path("fwdAnswerTime").asString("").isEmpty()
                    ? "BLOCKED" : f.path("direction").asInt(0) == 0 ? "A_TO_B" : "B_TO_A";
            String record = null;
            if (f.path("recordFlag").asInt(0) == 1 && !f.path("recordObjectName").asString("").isEmpty()) {
                // the object's address on Huawei's record store; the download-link API turns it into a signed URL
                record = "https://" + f.path("recordDomain").asString("") + "/" + f.path("recordObjectName").asString();
            }
            calls.add(new CallReport(f.path("sessionId").asString(""), f.path("subscriptionId").asString(""),
                    f.path("bindNum").asString(""), direction, time(f.path("fwdStartTime").asString(null)),
                    time(f.path("fwdAnswerTime").asString(null)), time(f.path("callEndTime").asString(null)),
                    f.path("ulFailReason").asString(null), record));
        }
        return Optional.of(calls);
    }

    static Instant time(String utc) {
        if (utc == null || utc.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(utc.trim(), UTC_TIME).toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
