package org.kept.sms.internal;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.kept.contact.OutboundSender;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Aliyun SMS (阿里云短信) SendSms, RPC style version 2017-05-25: form parameters signed with HMAC-SHA1 over the sorted,
 * percent-encoded parameters (signature version 1.0). {@code OutId} carries the outbox key; the answer's {@code BizId}
 * is the message's id in delivery reports.
 */
@Component
class AliyunSms implements SmsProvider {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final SmsSettings settings;
    private final ProviderHttp http;
    private final JsonMapper json;
    private final Clock clock;

    AliyunSms(SmsSettings settings, ProviderHttp http, JsonMapper json, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "aliyun";
    }

    @Override
    public String send(SmsOut sms, String key) throws OutboundSender.Retry, SmsRefused {
        SmsSettings.Aliyun a = settings.aliyun();
        Map<String, String> p = new TreeMap<>();
        p.put("AccessKeyId", a.accessKeyId());
        p.put("Action", "SendSms");
        p.put("Format", "JSON");
        p.put("OutId", key);
        // mainland numbers go without the plus; Aliyun takes 86 or none as the country prefix
        p.put("PhoneNumbers", sms.to().startsWith("+") ? sms.to().substring(1) : sms.to());
        p.put("RegionId", "cn-hangzhou");
        p.put("SignName", a.signName());
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureNonce", UUID.randomUUID().toString());
        p.put("SignatureVersion", "1.0");
        p.put("TemplateCode", sms.providerTemplateId());
        p.put("TemplateParam", json.writeValueAsString(sms.params()));
        p.put("Timestamp", TIMESTAMP.format(clock.instant()));
        p.put("Version", "2017-05-25");
        String query = canonical(p);
        String signature = sign("POST&" + encode("/") + "&" + encode(query), a.accessKeySecret() + "&");
        String form = "Signature=" + encode(signature) + "&" + query;
        String body = http.exchange(ProviderHttp.post(a.endpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), "Aliyun SendSms");
        JsonNode answer = json.readTree(body);
        String code = answer.path("Code").asString("");
        if ("OK".equals(code) && !answer.path("BizId").asString("").isEmpty()) {
            return answer.path("BizId").asString();
        }
        String error = "Aliyun " + code + ": " + answer.path("Message").asString("");
        if (code.startsWith("isp.") || code.startsWith("Throttling") || code.equals("ServiceUnavailable")
                || code.equals("isv.BUSINESS_LIMIT_CONTROL")) {
            throw new OutboundSender.Retry(error, null);
        }
        throw new SmsRefused(error);
    }

    static String canonical(Map<String, String> sorted) {
        return sorted.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** Aliyun's percent-encoding: RFC 3986, so a space is %20, '*' is %2A and '~' stays. */
    static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    static String sign(String stringToSign, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
