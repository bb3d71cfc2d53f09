package org.kept.phone.internal;

import java.time.Instant;
import java.util.Optional;
import org.kept.shared.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code phone_asterisk_settings} row: the AMI connection an administrator set (none: the {@code kept.asterisk.*}
 * properties). The secret leaves this class only towards the adapter, never towards a page.
 */
@Repository
public class AsteriskSettingsStore {

    /** The connection as saved; {@code version} grows with every save. */
    public record Saved(boolean enabled, String host, int port, String username, String secret, String integration,
                        int version, Instant updatedAt, String updatedBy) {
    }

    private static final String SELECT = "select enabled, host, port, username, secret, integration, version, updated_at, "
            + "updated_by from phone_asterisk_settings where id = 1";

    private final JdbcClient jdbc;

    AsteriskSettingsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Saved> load() {
        return jdbc.sql(SELECT).query(this::row).optional();
    }

    /** 0 while nobody saved settings: a cheap question each instance asks every few seconds. */
    public int version() {
        return jdbc.sql("select version from phone_asterisk_settings where id = 1").query(Integer.class).optional().orElse(0);
    }

    /** Saves the connection; a null {@code secret} keeps the stored one. Answers the new version. */
    @Transactional
    public int save(boolean enabled, String host, int port, String username, String secret, String integration,
                    Instant at, String by) {
        Optional<Saved> old = jdbc.sql(SELECT + " for update").query(this::row).optional();
        if (old.isEmpty()) {
            jdbc.sql("insert into phone_asterisk_settings (id, enabled, host, port, username, secret, integration, version, "
                    + "updated_at, updated_by) values (1, ?, ?, ?, ?, ?, ?, 1, ?, ?)")
                    .params(enabled, host, port, username, secret == null ? "" : secret, integration, SqlTime.utc(at), by)
                    .update();
            return 1;
        }
        int version = old.get().version() + 1;
        jdbc.sql("update phone_asterisk_settings set enabled = ?, host = ?, port = ?, username = ?, secret = ?, "
                + "integration = ?, version = ?, updated_at = ?, updated_by = ? where id = 1")
                .params(enabled, host, port, username, secret == null ? old.get().secret() : secret, integration, version,
                        SqlTime.utc(at), by).update();
        return version;
    }

    private Saved row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Saved(rs.getBoolean("enabled"), rs.getString("host"), rs.getInt("port"), rs.getString("username"),
                rs.getString("secret"), rs.getString("integration"), rs.getInt("version"), SqlTime.instant(rs, "updated_at"),
                rs.getString("updated_by"));
    }
}
