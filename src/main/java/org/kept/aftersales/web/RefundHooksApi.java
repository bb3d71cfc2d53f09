package org.kept.aftersales.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.kept.aftersales.internal.AftersalesSettings;
import org.kept.aftersales.internal.RefundDesk;
import org.kept.shared.KeptException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The payment providers' refund notifications: {@code POST /api/v1/hooks/refunds/<token>/<provider>}. The token is the
 * URL's secret; WeChat Pay's (signature headers, encrypted resource) and Alipay's (RSA2 form) are verified by their
 * signatures as well. A notification that does not verify is refused, so the provider sends it again.
 */
@RestController
@Tag(name = "aftersales")
class RefundHooksApi {

    private final RefundDesk refunds;
    private final AftersalesSettings settings;

    RefundHooksApi(RefundDesk refunds, AftersalesSettings settings) {
        this.refunds = refunds;
        this.settings = settings;
    }

    @PostMapping("/api/v1/hooks/refunds/{token}/{provider}")
    @Operation(summary = "A payment provider's refund notification (wechat, alipay, simulated)")
    ResponseEntity<String> notification(@PathVariable String token, @PathVariable String provider,
                                        HttpServletRequest request) throws IOException {
        if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                settings.hookToken().getBytes(StandardCharsets.UTF_8))) {
            throw KeptException.notFound("hook", provider);
        }
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (body.isEmpty() && !request.getParameterMap().isEmpty()) {
            // a form body the container already read into parameters (Alipay posts a form)
            body = request.getParameterMap().entrySet().stream()
                    .map(e -> java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + java.net.URLEncoder.encode(e.getValue()[0], StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }
        Map<String, String> headers = new TreeMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
        }
        var taken = refunds.notification(provider, headers, body)
                .orElseThrow(() -> KeptException.notFound("provider", provider));
        String ack = refunds.acknowledge(provider, taken);
        return ResponseEntity.status(taken ? HttpStatus.OK : HttpStatus.UNAUTHORIZED)
                .contentType(ack.startsWith("{") ? org.springframework.http.MediaType.APPLICATION_JSON
                        : org.springframework.http.MediaType.TEXT_PLAIN)
                .body(ack);
    }
}
