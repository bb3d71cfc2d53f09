package org.kept.identity.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for API tokens, kept by their SHA-256 only. */
@Repository
class TokenStore {

    private final JdbcClient jdbc;

    TokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored token: whose it is and until when it holds. */
    record Token(long userId, Instant expiresAt) {
    }

    void insert(String hash, long userId, Instant createdAt, Instant expiresAt) {
        jdbc.sql("insert into api_token (token_hash, user_id, created_at, expires_at) values (?, ?, ?, ?)")
                .params(hash, userId, createdAt.atOffset(ZoneOffset.UTC), expiresAt.atOffset(ZoneOffset.UTC))
                .update();
    }

    Optional<Token> find(String hash) {
        return jdbc.sql("select user_id, expires_at from api_token where token_hash = ?")
                .param(hash)
                .query((rs, i) -> new Token(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .optional();
    }
}
