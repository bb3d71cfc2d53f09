package org.kept.protection.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.kept.customer.PhoneNumbers;
import org.kept.protection.Restrictions.IdentityKind;
import org.kept.shared.KeptException;
import org.kept.shared.Masking;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A caller's identity as a restriction keeps it: normalised (E.164, lower-cased email), then a keyed hash (HMAC-SHA256)
 * so the table never holds the number and a stolen copy cannot be matched against a list of numbers without the key;
 * and the masked form people see. The key is {@code kept.protection.identity-key}, or one made at the first start and
 * kept in the settings row (every instance on one database then shares it).
 */
@Component
public class Identities {

    private final ProtectionStore store;
    private final String configuredKey;
    private volatile byte[] key;

    Identities(ProtectionStore store, @Value("${kept.protection.identity-key:}") String configuredKey) {
        this.store = store;
        this.configuredKey = configuredKey;
    }

    /** A normalised identity and its masked form. */
    public record Normalised(IdentityKind kind, String value, String masked) {
    }

    public Normalised normalise(IdentityKind kind, String raw) {
        if (kind == null || raw == null || raw.isBlank()) {
            throw KeptException.invalid("protection.identity.invalid");
        }
        String v = raw.strip();
        return switch (kind) {
            case PHONE -> {
                String e164 = PhoneNumbers.parse(v).orElseThrow(() -> KeptException.invalid("protection.identity.invalid"));
                yield new Normalised(kind, e164, Masking.phone(e164));
            }
            case EMAIL -> {
                if (!v.contains("@")) {
                    throw KeptException.invalid("protection.identity.invalid");
                }
                String email = v.toLowerCase(Locale.ROOT);
                yield new Normalised(kind, email, Masking.email(email));
            }
            case WECHAT -> new Normalised(kind, v, v.length() <= 4 ? "****" : v.substring(0, 4) + "****");
            case ACCOUNT -> {
                try {
                    long id = Long.parseLong(v);
                    yield new Normalised(kind, Long.toString(id), "#" + id);
                } catch (NumberFormatException e) {
                    throw KeptException.invalid("protection.identity.invalid");
                }
            }
        };
    }

    /** The keyed hash of a normalised identity. */
    public String hash(Normalised identity) {
        return hmac(identity.kind().name() + ":" + identity.value());
    }

    /** The appeal link's token for a restriction: derived, so the automatic message can carry it on every hit. */
    public String appealToken(long restrictionId) {
        return hmac("appeal:" + restrictionId).substring(0, 40);
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            String text = configuredKey != null && configuredKey.length() >= 32 ? configuredKey : null;
            if (text == null) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                text = store.hashKey(Base64.getEncoder().encodeToString(fresh));
            }
            k = text.getBytes(StandardCharsets.UTF_8);
            key = k;
        }
        return k;
    }
}
