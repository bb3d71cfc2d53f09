package org.kept.identity.internal;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one-time setup link's token (one row at most) and whether any administrator can sign in. */
@Repository
class SetupStore {

    private final JdbcClient jdbc;

    SetupStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether an enabled login has a role that may administer users: then there is someone to set Kept up. */
    boolean anyAdministrator() {
        return jdbc.sql("select count(*) from app_user u join role_permission p on p.role_code = u.role_code "
                        + "where u.enabled = true and p.permission = 'USER_ADMIN' and u.customer_id is null")
                .query(Long.class).single() > 0;
    }

    /**
     * Inserts the token unless a row is there already (another instance or an earlier start made it); the primary key
     * makes the first insert win on every database, then every instance reads the same row.
     */
    void offer(String token, OffsetDateTime now) {
        jdbc.sql("insert into setup_token (id, token, created_at) values (1, ?, ?) on conflict do nothing")
                .params(token, now).update();
    }

    /** The token and whether it was used. */
    Optional<Token> token() {
        return jdbc.sql("select token, used_at from setup_token where id = 1")
                .query((rs, i) -> new Token(rs.getString(1), rs.getObject(2, OffsetDateTime.class) != null)).optional();
    }

    /**
     * Marks the token used, in the caller's transaction: of two instances finishing setup at once only one updates the
     * row (the other waits on its lock, then finds it used); a rollback of the setup gives the token back.
     */
    boolean claim(String token, OffsetDateTime now) {
        return jdbc.sql("update setup_token set used_at = ? where id = 1 and token = ? and used_at is null")
                .params(now, token).update() == 1;
    }

    record Token(String value, boolean used) {
    }
}
