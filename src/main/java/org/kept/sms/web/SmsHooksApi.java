package org.kept.sms.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.kept.shared.KeptException;
import org.kept.sms.internal.SmsCallbacks;
import org.kept.sms.internal.SmsSettings;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The URLs given to the SMS provider for delivery reports and replies. Their pushes carry no signature, so the URL
 * holds a secret token (compared in constant time; a wrong one, or a caller outside
 * {@code kept.sms.callback-addresses} when set, is "not found"); each provider gets the answer it
 * expects, which stops its retries. Open to the provider without a sign-in (see the security configuration).
 */
@RestController
class SmsHooksApi {

    private final SmsCallbacks callbacks;
    private final SmsSettings settings;

    SmsHooksApi(SmsCallbacks callbacks, SmsSettings settings) {
        this.callbacks = callbacks;
        this.settings = settings;
    }

    @PostMapping("/api/v1/hooks/sms/{token}/{provider}/reports")
    @Operation(summary = "SMS delivery reports from the provider (aliyun: SmsReport array, tencent: status array), "
            + "authenticated by the secret token in the URL")
    Map<String, Object> reports(@PathVariable String token, @PathVariable String provider, @RequestBody JsonNode body,
                                HttpServletRequest request) {
        check(token, request);
        callbacks.reports(provider, body);
        return answer(provider);
    }

    @PostMapping("/api/v1/hooks/sms/{token}/{provider}/replies")
    @Operation(summary = "Customers' SMS replies from the provider (aliyun: SmsUp array, tencent: reply object), "
            + "deduplicated by the provider's message id")
    Map<String, Object> replies(@PathVariable String token, @PathVariable String provider, @RequestBody JsonNode body,
                                HttpServletRequest request) {
        check(token, request);
        callbacks.replies(provider, body);
        return answer(provider);
    }

    private void check(String token, HttpServletRequest request) {
        if (!settings.allowsCaller(request.getRemoteAddr()) || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                settings.callbackToken().getBytes(StandardCharsets.UTF_8))) {
            throw KeptException.notFound("SMS callback", "");
        }
    }

    /** Aliyun wants {@code {"code":0}}, Tencent {@code {"result":0}}. */
    private static Map<String, Object> answer(String provider) {
        return "tencent".equals(provider) ? Map.of("result", 0, "errmsg", "OK") : Map.of("code", 0, "msg", "成功");
    }
}
