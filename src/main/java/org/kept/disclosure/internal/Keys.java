package org.kept.disclosure.internal;

import java.security.SecureRandom;
import java.util.Base64;
import org.kept.shared.Sha256;

/** Random link keys (256 bits) and the hash that is all the database keeps of them. */
final class Keys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Keys() {
    }

    static String fresh() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String key) {
        return Sha256.hex(key == null ? "" : key);
    }

    /** A key's plausible shape, so that junk is refused before any look-up. */
    static boolean wellFormed(String key) {
        return key != null && key.matches("[A-Za-z0-9_-]{43}");
    }
}
