package org.kept.audit.internal;

import java.time.OffsetDateTime;

/** The hash that links one audit entry to the one before it. */
final class ChainHash {

    private ChainHash() {
    }

    static String of(long seq, String previous, OffsetDateTime at, String actor, String action, String subject, String details) {
        String text = seq + "\u001f" + previous + "\u001f" + at.toInstant().toEpochMilli() + "\u001f" + actor + "\u001f"
                + action + "\u001f" + subject + "\u001f" + (details == null ? "" : details);
        return org.kept.shared.Sha256.hex(text);
    }
}
