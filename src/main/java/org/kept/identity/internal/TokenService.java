package org.kept.identity.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.kept.identity.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * API tokens for programs. Only a SHA-256 of each token is stored; a short cache keeps the per-request
 * lookup off the database on busy integrations.
 */
@Service
class TokenService {

    private static final Duration CACHE_FOR = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final UserStore users;
    private final Clock clock;
    private final Duration lifetime;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    TokenService(JdbcClient jdbc, UserStore users, Clock clock, @Value("${kept.api.token-lifetime:PT12H}") Duration lifetime) {
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    String issue(CurrentUser user) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "kept_" + HexFormat.of().formatHex(secret);
        Instant now = clock.instant();
        jdbc.sql("insert into api_token (token_hash, user_id, created_at, expires_at) values (?, ?, ?, ?)")
                .params(hash(token), user.id(), now.atOffset(ZoneOffset.UTC), now.plus(lifetime).atOffset(ZoneOffset.UTC))
                .update();
        return token;
    }

    Optional<CurrentUser> authenticate(String token) {
        String hash = hash(token);
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached != null && cached.until.isAfter(now)) {
            return Optional.of(cached.user);
        }
        Optional<CurrentUser> user = jdbc.sql("select user_id, expires_at from api_token where token_hash = ?")
                .param(hash)
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class)})
                .optional()
                .filter(row -> ((java.time.OffsetDateTime) row[1]).toInstant().isAfter(now))
                .flatMap(row -> users.byId((Long) row[0]))
                .filter(CurrentUser::enabled)
                .map(CurrentUser::withoutPassword);
        user.ifPresentOrElse(u -> cache.put(hash, new Cached(u, now.plus(CACHE_FOR))), () -> cache.remove(hash));
        return user;
    }

    /** Forget cached lookups, so the next request of every token reads the user's current role and state. */
    void forgetCached() {
        cache.clear();
    }

    static String hash(String token) {
        return org.kept.shared.Sha256.hex(token);
    }

    private record Cached(CurrentUser user, Instant until) {
    }
}
