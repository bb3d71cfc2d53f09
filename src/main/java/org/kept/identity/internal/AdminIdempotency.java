package org.kept.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Makes an administrator's create call safe to retry: the first call with an {@code Idempotency-Key} runs and
 * remembers its result; a repeat with the same key and request returns that result instead of creating again.
 * Runs inside the caller's transaction, so the key and what it made commit together.
 */
@Component
class AdminIdempotency {

    private static final int MAX_KEY = 100;

    private final JdbcClient jdbc;
    private final Clock clock;

    AdminIdempotency(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Outcome once(CurrentUser actor, String key, String operation, String request, LongSupplier create) {
        if (key == null || key.isBlank()) {
            return new Outcome(create.getAsLong(), false);
        }
        if (key.length() > MAX_KEY) {
            throw KeptException.invalid("error.idempotency.key");
        }
        String hash = sha256(operation + "\u001e" + request);
        Optional<String[]> seen = jdbc.sql("select request_hash, result_id from admin_idempotency_key where actor_id = ? and idem_key = ?")
                .params(actor.id(), key).query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
        if (seen.isPresent()) {
            if (!seen.get()[0].equals(hash)) {
                throw KeptException.invalid("error.idempotency.mismatch", key);
            }
            return new Outcome(Long.parseLong(seen.get()[1]), true);
        }
        long id = create.getAsLong();
        // a concurrent first call with the same key makes this insert fail, rolling back the duplicate it created
        jdbc.sql("insert into admin_idempotency_key (actor_id, idem_key, operation, request_hash, result_id, created_at) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(actor.id(), key, operation, hash, id, clock.instant().atOffset(ZoneOffset.UTC)).update();
        return new Outcome(id, false);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
