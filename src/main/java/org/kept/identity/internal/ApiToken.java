package org.kept.identity.internal;

import java.time.Instant;

/**
 * One of a person's API tokens as its owner may see it: a public id (from its hash), when it was issued and until
 * when it holds, and whether it is the one the request came with. Never the token itself.
 */
public record ApiToken(String id, Instant createdAt, Instant expiresAt, boolean current) {
}
