package org.kept.identity.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.kept.identity.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * API tokens for programs. Only a SHA-256 of each token is stored; a short cache keeps the per-request
 * lookup off the database on busy integrations.
 */
@Service
class TokenDesk {

    private static final Duration CACHE_FOR = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

    private final TokenStore store;
    private final UserStore users;
    private final Clock clock;
    private final Duration lifetime;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    TokenDesk(TokenStore store, UserStore users, Clock clock, @Value("${kept.api.token-lifetime:PT12H}") Duration lifetime) {
        this.store = store;
        this.users = users;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    String issue(CurrentUser user) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "kept_" + HexFormat.of().formatHex(secret);
        Instant now = clock.instant();
        store.insert(hash(token), user.id(), now, now.plus(lifetime));
        return token;
    }

    Optional<CurrentUser> authenticate(String token) {
        String hash = hash(token);
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached != null && cached.until.isAfter(now)) {
            return Optional.of(cached.user);
        }
        Optional<CurrentUser> user = store.find(hash)
                .filter(t -> t.expiresAt().isAfter(now))
                .flatMap(t -> users.byId(t.userId()))
                .filter(CurrentUser::enabled)
                .map(CurrentUser::withoutPassword);
        user.ifPresentOrElse(u -> cache.put(hash, new Cached(u, now.plus(CACHE_FOR))), () -> cache.remove(hash));
        return user;
    }

    /** The user's own tokens, newest last; expired ones that the sweeper has not deleted yet are left out. */
    List<ApiToken> listed(CurrentUser user, String currentToken) {
        Instant now = clock.instant();
        String currentHash = currentToken == null ? null : hash(currentToken);
        return store.ofUser(user.id()).stream().filter(t -> t.expiresAt().isAfter(now))
                .map(t -> new ApiToken(idOf(t.hash()), t.createdAt(), t.expiresAt(), t.hash().equals(currentHash)))
                .toList();
    }

    /** Revokes one of the user's own tokens; false when the user has no token with that id. */
    boolean revoke(CurrentUser user, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return false;
        }
        boolean revoked = false;
        for (String hash : store.hashesOf(user.id(), id)) {
            revoked |= store.delete(user.id(), hash) > 0;
            cache.remove(hash);
        }
        return revoked;
    }

    /** Expired tokens no longer open anything; deleting them keeps the table to live tokens. Any instance may run it. */
    @Scheduled(fixedDelayString = "${kept.api.token-sweep:PT1H}", initialDelayString = "PT1M")
    int deleteExpired() {
        int deleted = store.deleteExpired(clock.instant());
        cache.values().removeIf(c -> !c.until.isAfter(clock.instant()));
        return deleted;
    }

    /**
     * A token's public id: the first 16 hex digits of its SHA-256. It names the token to its owner without being
     * the token (the hash cannot be turned back into it), so listing never hands out anything that opens the API.
     */
    static String idOf(String hash) {
        return hash.substring(0, 16);
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
