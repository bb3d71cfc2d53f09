package org.kept.phone.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.kept.shared.KeptException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who posted a call event: {@code X-Kept-Integration: <name>} with {@code X-Kept-Signature: sha256=<hex HMAC-SHA256 of
 * the raw body with the integration's secret>}, or {@code ?token=} for a PBX that cannot sign. Compared in constant
 * time; anything else is a 401 before the body is read as JSON.
 */
@Component
public class PbxAuth {

    /** How long a PBX's row is trusted without reading it again (every event of every call is checked). */
    private static final long FRESH_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private final IntegrationStore integrations;
    private final java.util.Map<String, Known> byName = new java.util.concurrent.ConcurrentHashMap<>();

    private record Known(long at, java.util.Optional<IntegrationStore.Integration> integration) {
    }

    PbxAuth(IntegrationStore integrations) {
        this.integrations = integrations;
    }

    private java.util.Optional<IntegrationStore.Integration> named(String name) {
        long now = System.nanoTime();
        Known known = byName.get(name);
        if (known == null || now - known.at() > FRESH_NANOS) {
            if (byName.size() > 1_000) {
                byName.clear();
            }
            known = new Known(now, integrations.named(name));
            if (known.integration().isEmpty()) {
                return known.integration();  // only rows that exist are remembered: a name made a moment later works
            }
            byName.put(name, known);
        }
        return known.integration();
    }

    public long integration(byte[] body, String name, String signature, String token) {
        IntegrationStore.Integration found = null;
        if (name != null && signature != null) {
            found = named(name)
                    .filter(i -> MessageDigest.isEqual(("sha256=" + sign(i.secret(), body)).getBytes(StandardCharsets.UTF_8),
                            signature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8)))
                    .orElse(null);
        } else if (token != null) {
            found = integrations.byToken(token).orElse(null);
        }
        if (found == null || !found.enabled()) {
            throw new KeptException(HttpStatus.UNAUTHORIZED, "phone.error.unauthorized");
        }
        return found.id();
    }

    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
