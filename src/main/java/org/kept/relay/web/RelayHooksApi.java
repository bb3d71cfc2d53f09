package org.kept.relay.web;

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
import org.kept.relay.internal.RelayDesk;
import org.kept.relay.internal.RelaySettings;
import org.kept.shared.KeptException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The privacy-number providers' call reports: {@code POST /api/v1/hooks/relay/<token>/<provider>} (aliyun, huawei,
 * simulated). The token is the URL's secret (compared in constant time); a push whose pool or app key is not ours is
 * refused (401), so the provider sends it again to the right place. Each call lands once, by the provider's call id.
 */
@RestController
@Tag(name = "relay")
class RelayHooksApi {

    private final RelayDesk relay;
    private final RelaySettings settings;

    RelayHooksApi(RelayDesk relay, RelaySettings settings) {
        this.relay = relay;
        this.settings = settings;
    }

    @PostMapping("/api/v1/hooks/relay/{token}/{provider}")
    @Operation(summary = "A privacy-number provider's call report push (aliyun SecretReport, huawei fee/call events, simulated)")
    ResponseEntity<String> report(@PathVariable String token, @PathVariable String provider, HttpServletRequest request)
            throws IOException {
        if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), settings.hookToken().getBytes(StandardCharsets.UTF_8))) {
            throw KeptException.notFound("hook", provider);
        }
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
        }
        boolean taken = relay.report(provider, headers, body).orElseThrow(() -> KeptException.notFound("provider", provider));
        if (!taken) {
            throw new KeptException(HttpStatus.UNAUTHORIZED, "relay.hook.refused");
        }
        String ack = relay.acknowledge(provider);
        return ResponseEntity.ok().contentType(ack.startsWith("{") ? MediaType.APPLICATION_JSON : MediaType.TEXT_PLAIN).body(ack);
    }
}
