package org.kept.disclosure.internal;

import java.time.Instant;

/** A released package's link: its expiry and how many of its downloads were used. */
public record Release(long id, long requestId, Instant expiresAt, int maxUses, int uses) {
}
