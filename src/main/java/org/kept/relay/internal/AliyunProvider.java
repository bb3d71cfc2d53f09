package org.kept.relay.internal;

import org.kept.shared.OutboundHttp;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Aliyun Dyplsapi 2017-05-25 (号码隐私保护): {@code BindAxb} (PoolKey, PhoneNoA, PhoneNoB, PhoneNoX optional,
 * Expiration "yyyy-MM-dd HH:mm:ss" Beijing time, IsRecordingEnabled, OutId) answering {@code SecretBindDTO.SubsId /
 * SecretNo}, and {@code UnbindSubscription} (PoolKey, SubsId, SecretNo), as RPC calls signed with the AccessKey
 * secret (SignatureMethod HMAC-SHA1, SignatureVersion 1.0). Call reports are the SecretReport push: a JSON array of
 * {@code call_id, sub_id, secret_no, call_type (0 A→B, 1 B→A, 4 intercepted), start_time, release_time,
 * release_cause, record_url, pool_key}. Field names: help.aliyun.com/zh/pnp (BindAxb, UnbindSubscription, SecretReport).
 */
@Component
class AliyunProvider implements NumberProvider {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final RelaySettings settings;
    private final OutboundHttp http;
    private final JsonMapper json;
    private final Clock clock;

    AliyunProvider(RelaySettings settings, OutboundHttp http, JsonMapper json, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String code() {
        return "ALIYUN";
    }

    @Override
    public Bound bind(BindOrder order) {
        var a = settings.aliyun();
        Map<String, String> params = new TreeMap<>();
        params.put("Action", "BindAxb");
        params.put("PoolKey", a.poolKey());
        params.put("PhoneNoA", national(order.phoneA()));
        params.put("PhoneNoB", national(order.phoneB()));
        params.put("Expiration", LOCAL.format(order.expiresAt().atZone(BEIJING)));
        params.put("IsRecordingEnabled", Boolean.toString(order.recording()));
        params.put("OutId", Long.toString(order.ticketId()));
        params.put("CallTimeout", Integer.toString(order.maxCallMinutes() * 60));
        JsonNode answer = call(params);
        JsonNode dto = answer.path("SecretBindDTO");
        if (!"OK".equals(answer.path("Code").asString("")) || dto.path("SubsId").asString("").isEmpty()) {
            throw new ProviderRefused("Aliyun " + answer.path("Code").asString("?") + ": " + answer.path("Message").asString(""));
        }
        return new Bound(dto.path("SubsId").asString(), e164(dto.path("SecretNo").asString()), a.poolKey());
    }

    @Override
    public boolean unbind(String subsId, String secretNo, String poolKey) {
        Map<String, String> params = new TreeMap<>();
        params.put("Action", "UnbindSubscription");
        params.put("PoolKey", poolKey == null ? settings.aliyun().poolKey() : poolKey);
        params.put("SubsId", subsId);
        params.put("SecretNo", national(secretNo));
        JsonNode answer;
        try {
            answer = call(params);
        } catch (ProviderRefused e) {
            return false;
        }
        String code = answer.path("Code").asString("");
        // a binding the provider no longer has (expired on its side) is as released as one we unbound
        return code.equals("OK") || code.contains("NOT_EXIST") || code.contains("NO_AVAILABLE");
    }

    private JsonNode call(Map<String, String> business) {
        var a = settings.aliyun();
        Map<String, String> params = new TreeMap<>(business);
        params.put("Format", "JSON");
        params.put("Version", "2017-05-25");
        params.put("AccessKeyId", a.accessKeyId());
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureVersion", "1.0");
        params.put("SignatureNonce", UUID.randomUUID().toString());
        params.put("Timestamp", DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        String canonical = canonical(params);
        params.put("Signature", signature(a.accessKeySecret(), "POST&%2F&" + encode(canonical)));
        String form = canonical(params);
        var reply = http.exchange(OutboundHttp.to(a.endpoint()).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(form)));
        if (reply.status() == 0 || reply.status() >= 500) {
            throw new ProviderRefused("Aliyun: HTTP " + reply.status());
        }
        try {
            return json.readTree(reply.body());
        } catch (RuntimeException e) {
            throw new ProviderRefused("Aliyun: unreadable answer (HTTP " + reply.status() + ")");
        }
    }

    static String canonical(Map<String, String> sorted) {
        return new TreeMap<>(sorted).entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** RFC 3986 percent-encoding as Aliyun's signature wants it (space %20, * %2A, ~ kept). */
    static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20")
                .replace("*", "%2A").replace("%7E", "~");
    }

    static String signature(String secret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
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
        if (root == null || !root.isArray()) {
            return Optional.empty();
        }
        String pool = settings.aliyun().poolKey();
        List<CallReport> calls = new ArrayList<>();
        for (JsonNode r : root) {
            if (!pool.isBlank() && !pool.equals(r.path("pool_key").asString(""))) {
                return Optional.empty();
            }
            String direction = switch (r.path("call_type").asInt(-1)) {
                case 0 -> "A_TO_B";
                case 1 -> "B_TO_A";
                default -> "BLOCKED";
            };
            calls.add(new CallReport(r.path("call_id").asString(""), r.path("sub_id").asString(""),
                    e164(r.path("secret_no").asString("")), direction, time(r.path("start_time").asString(null)),
                    time(r.path("start_time").asString(null)), time(r.path("release_time").asString(null)),
                    r.path("release_cause").asString(null), r.path("record_url").asString(null)));
        }
        return Optional.of(calls);
    }

    @Override
    public String acknowledge() {
        return "{\"code\":0,\"msg\":\"成功\"}";
    }

    static Instant time(String local) {
        if (local == null || local.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(local.trim(), LOCAL).atZone(BEIJING).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Aliyun numbers are national ("13900001111"); ours are E.164. */
    static String national(String e164) {
        return e164 != null && e164.startsWith("+86") ? e164.substring(3) : e164;
    }

    static String e164(String national) {
        if (national == null || national.isBlank() || national.startsWith("+")) {
            return national;
        }
        return "+86" + national;
    }

}
