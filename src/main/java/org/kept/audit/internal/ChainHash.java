package org.kept.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;

/** The hash that links one audit entry to the one before it. */
final class ChainHash {

    private ChainHash() {
    }

    static String of(long seq, String previous, OffsetDateTime at, String actor, String action, String subject, String details) {
        String text = seq + "\u001f" + previous + "\u001f" + at.toInstant().toEpochMilli() + "\u001f" + actor + "\u001f"
                + action + "\u001f" + subject + "\u001f" + (details == null ? "" : details);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
