package org.kept.shared;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * On H2, the migrations run on a connection that stays open as long as the JVM. H2 2.4 keeps, inside every check
 * constraint of the form {@code col in ('A', 'B', …)}, the session that created it; once that session's connection is
 * closed, every insert into the table fails with "Check constraint invalid" ("The database has been closed" underneath).
 * Flyway borrowed its connection from the pool, and the pool retires connections after 30 minutes: an embedded demo
 * centre, or a long test run, broke half an hour after its migrations. PostgreSQL is untouched.
 */
@Configuration(proxyBeanMethods = false)
class H2Migrations {

    /** One per database URL, never closed: an in-memory database shared by several test contexts outlives each. */
    private static final Map<String, Connection> KEPT = new ConcurrentHashMap<>();

    @Bean
    FlywayConfigurationCustomizer migrationsOnAConnectionThatStays(DataSourceProperties properties) {
        return configuration -> {
            String url = properties.determineUrl();
            if (url != null && url.startsWith("jdbc:h2:")) {
                configuration.dataSource(new SingleConnectionDataSource(kept(url, properties.determineUsername(),
                        properties.determinePassword()), true));
            }
        };
    }

    private static Connection kept(String url, String user, String password) {
        return KEPT.compute(url, (u, open) -> {
            try {
                return open != null && !open.isClosed() ? open : DriverManager.getConnection(u, user, password);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot open the H2 database for its migrations: " + e.getMessage(), e);
            }
        });
    }
}
