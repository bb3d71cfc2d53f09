package org.kept.identity.internal;

import java.time.OffsetDateTime;

/** A login as administrators see it: everything but the password hash, which never leaves the store. */
public record AdminUser(long id, String username, String displayName, String agentNo, String role, Long teamId,
                        String teamName, Long customerId, boolean enabled, OffsetDateTime createdAt) {
}
