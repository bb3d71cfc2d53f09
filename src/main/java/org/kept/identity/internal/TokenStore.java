package org.kept.identity.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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

    /** One of a user's tokens by its hash. */
    record Listed(String hash, Instant createdAt, Instant expiresAt) {
    }

    List<Listed> ofUser(long userId) {
        return jdbc.sql("select token_hash, created_at, expires_at from api_token where user_id = ? order by created_at, token_hash")
                .param(userId)
                .query((rs, i) -> new Listed(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** The hashes of the user's tokens whose id is {@code id} (one, unless a 64-bit prefix collides). */
    List<String> hashesOf(long userId, String id) {
        return jdbc.sql("select token_hash from api_token where user_id = ? and token_hash like ?")
                .params(userId, id + "%").query(String.class).list();
    }

    int delete(long userId, String hash) {
        return jdbc.sql("delete from api_token where user_id = ? and token_hash = ?").params(userId, hash).update();
    }

    int deleteExpired(Instant now) {
        return jdbc.sql("delete from api_token where expires_at <= ?").param(now.atOffset(ZoneOffset.UTC)).update();
    }

    Optional<Token> find(String hash) {
        return jdbc.sql("select user_id, expires_at from api_token where token_hash = ?")
                .param(hash)
                .query((rs, i) -> new Token(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .optional();
    }
}
