package org.kept.sms.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.kept.contact.OutboundSender;
import org.kept.shared.Sha256;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tencent Cloud SMS (腾讯云短信) SendSms, API 3.0 version 2021-01-11, signed with TC3-HMAC-SHA256.
 * {@code SessionContext} carries the outbox key; the answer's {@code SerialNo} is the message's id in reports.
 */
@Component
class TencentSms implements SmsProvider {

    private static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final SmsSettings settings;
    private final ProviderHttp http;
    private final JsonMapper json;
    private final Clock clock;

    TencentSms(SmsSettings settings, ProviderHttp http, JsonMapper json, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "tencent";
    }

    @Override
    public String send(SmsOut sms, String key) throws OutboundSender.Retry, SmsRefused {
        SmsSettings.Tencent t = settings.tencent();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("PhoneNumberSet", List.of(sms.to()));
        request.put("SmsSdkAppId", t.sdkAppId());
        request.put("SignName", t.signName());
        request.put("TemplateId", sms.providerTemplateId());
        request.put("TemplateParamSet", sms.orderedParams());
        request.put("SessionContext", key);
        String payload = json.writeValueAsString(request);
        long timestamp = clock.instant().getEpochSecond();
        String host = URI.create(t.endpoint()).getHost();
        String authorization = authorization(t, host, payload, timestamp);
        String body = http.exchange(ProviderHttp.post(t.endpoint())
                .header("Authorization", authorization)
                .header("Content-Type", CONTENT_TYPE)
                .header("X-TC-Action", "SendSms")
                .header("X-TC-Timestamp", Long.toString(timestamp))
                .header("X-TC-Version", "2021-01-11")
                .header("X-TC-Region", t.region())
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)), "Tencent SendSms");
        JsonNode response = json.readTree(body).path("Response");
        JsonNode error = response.path("Error");
        if (!error.isMissingNode()) {
            String code = error.path("Code").asString("");
            String text = "Tencent " + code + ": " + error.path("Message").asString("");
            if (code.startsWith("RequestLimitExceeded") || code.startsWith("InternalError")
                    || code.startsWith("ResourceUnavailable")) {
                throw new OutboundSender.Retry(text, null);
            }
            throw new SmsRefused(text);
        }
        JsonNode status = response.path("SendStatusSet").path(0);
        String code = status.path("Code").asString("");
        if ("Ok".equalsIgnoreCase(code) && !status.path("SerialNo").asString("").isEmpty()) {
            return status.path("SerialNo").asString();
        }
        String text = "Tencent " + code + ": " + status.path("Message").asString("");
        if (code.startsWith("InternalError") || code.startsWith("RequestLimitExceeded")) {
            throw new OutboundSender.Retry(text, null);
        }
        throw new SmsRefused(text);
    }

    /** TC3-HMAC-SHA256 over the canonical request (signed headers content-type and host). */
    static String authorization(SmsSettings.Tencent t, String host, String payload, long timestamp) {
        String date = DAY.format(java.time.Instant.ofEpochSecond(timestamp));
        String canonical = "POST\n/\n\ncontent-type:" + CONTENT_TYPE + "\nhost:" + host + "\n\ncontent-type;host\n"
                + Sha256.hex(payload);
        String scope = date + "/sms/tc3_request";
        String toSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n" + Sha256.hex(canonical);
        byte[] secretDate = hmac(("TC3" + t.secretKey()).getBytes(StandardCharsets.UTF_8), date);
        byte[] secretService = hmac(secretDate, "sms");
        byte[] secretSigning = hmac(secretService, "tc3_request");
        String signature = HexFormat.of().formatHex(hmac(secretSigning, toSign));
        return "TC3-HMAC-SHA256 Credential=" + t.secretId() + "/" + scope
                + ", SignedHeaders=content-type;host, Signature=" + signature;
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
