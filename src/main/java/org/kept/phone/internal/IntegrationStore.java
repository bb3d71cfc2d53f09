package org.kept.phone.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.kept.shared.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code phone_integration} table: PBXs allowed to post call events, with their secret and URL token. */
@Repository
public class IntegrationStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A PBX's credentials. */
    public record Integration(long id, String name, String secret, String token, boolean enabled) {
    }

    private final JdbcClient jdbc;

    IntegrationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Integration create(String name, Instant now) {
        String secret = random();
        String token = random();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into phone_integration (name, secret, token, enabled, created_at) values (?, ?, ?, true, ?)")
                .params(name, secret, token, SqlTime.utc(now)).update(key, "id");
        return new Integration(key.getKey().longValue(), name, secret, token, true);
    }

    public Optional<Integration> named(String name) {
        return jdbc.sql("select id, name, secret, token, enabled from phone_integration where name = ?").param(name)
                .query(this::row).optional();
    }

    Optional<Integration> byToken(String token) {
        return jdbc.sql("select id, name, secret, token, enabled from phone_integration where token = ?").param(token)
                .query(this::row).optional();
    }

    public Optional<Integration> byId(long id) {
        return jdbc.sql("select id, name, secret, token, enabled from phone_integration where id = ?").param(id)
                .query(this::row).optional();
    }

    /** Where the PBX takes commands over HTTP (play a prompt, hang up); empty when it takes none. */
    public Optional<String> commandUrl(long id) {
        return jdbc.sql("select command_url from phone_integration where id = ?").param(id).query(String.class).optional()
                .filter(u -> u != null && !u.isBlank());
    }

    /** True when the integration exists. */
    public boolean commandUrl(long id, String url) {
        return jdbc.sql("update phone_integration set command_url = ? where id = ?").params(url, id).update() == 1;
    }

    public List<Integration> all() {
        return jdbc.sql("select id, name, secret, token, enabled from phone_integration order by name").query(this::row).list();
    }

    private Integration row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Integration(rs.getLong("id"), rs.getString("name"), rs.getString("secret"), rs.getString("token"),
                rs.getBoolean("enabled"));
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
