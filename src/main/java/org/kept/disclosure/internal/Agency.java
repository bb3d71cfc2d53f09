package org.kept.disclosure.internal;

import java.time.Instant;

/** An agency that may ask, with the landline it publishes (the number an emergency is verified on) and its link's life. */
public record Agency(long id, String name, Codes.AgencyType type, String region, String publishedLandline, String issuedBy,
                     Instant issuedAt, Instant expiresAt, Instant revokedAt) {

    public boolean open(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
