package org.kept.ticket.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Remembers which ticket an {@code Idempotency-Key} produced, per caller, with a fingerprint of the request. */
@Repository
class IdempotencyKeys {

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Remembered> find(long userId, String key) {
        return jdbc.sql("select request_hash, ticket_id from idempotency_key where user_id = ? and idem_key = ?")
                .params(userId, key).query((rs, i) -> new Remembered(rs.getString(1), rs.getLong(2))).optional();
    }

    /** Fails with a duplicate key when another request with the same key got there first. */
    void remember(long userId, String key, String requestHash, long ticketId, OffsetDateTime at) {
        jdbc.sql("insert into idempotency_key (user_id, idem_key, request_hash, ticket_id, created_at) values (?, ?, ?, ?, ?)")
                .params(userId, key, requestHash, ticketId, at).update();
    }

    static String fingerprint(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(request.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Remembered(String requestHash, long ticketId) {
    }
}
