package org.kept.support;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.kept.KeptApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Kept started by a test on a database of its own, empty before it starts: a new PostgreSQL database when
 * {@code KEPT_TEST_DB_URL} points at PostgreSQL (dropped on close), otherwise a new in-memory H2. Its data source can be
 * made unreachable ({@link #databaseAway}) the way a restarting server looks to the pool.
 */
public final class FreshKept implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final Reachable dataSource;
    private final String dropUrl;
    private final String database;
    private final String url;

    private FreshKept(ConfigurableApplicationContext context, Reachable dataSource, String dropUrl, String database, String url) {
        this.url = url;
        this.context = context;
        this.dataSource = dataSource;
        this.dropUrl = dropUrl;
        this.database = database;
    }

    /** Starts Kept (profile {@code test}, no demo) with the given extra properties ("name=value"). */
    public static FreshKept start(String... properties) {
        String name = "kept_fresh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String testUrl = System.getenv("KEPT_TEST_DB_URL");
        String user = System.getenv().getOrDefault("KEPT_TEST_DB_USER", "sa");
        String password = System.getenv().getOrDefault("KEPT_TEST_DB_PASSWORD", "");
        String url;
        String dropUrl = null;
        if (testUrl != null && testUrl.startsWith("jdbc:postgresql:")) {
            dropUrl = testUrl;
            execute(testUrl, user, password, "create database " + name);
            url = testUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        } else {
            url = "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
            user = "sa";
            password = "";
        }
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(5);
        Reachable reachable = new Reachable(pool);
        // as command-line arguments, so they win over application.yml (server.port is ${PORT:8080} there)
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url));
        for (String property : properties) {
            args.add("--" + property);
        }
        SpringApplicationBuilder builder = new SpringApplicationBuilder(KeptApplication.class).profiles("test")
                .initializers(context -> context.getBeanFactory().registerSingleton("dataSource", reachable));
        return new FreshKept(builder.run(args.toArray(String[]::new)), reachable, dropUrl, name, url);
    }

    public String baseUrl() {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    public Api api() {
        return new Api(baseUrl());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** From now on every new connection fails as Hikari fails when the server is away, until {@link #databaseBack}. */
    public void databaseAway() {
        dataSource.away = true;
    }

    public void databaseBack() {
        dataSource.away = false;
    }

    @Override
    public void close() {
        context.close();
        ((HikariDataSource) dataSource.getTargetDataSource()).close();
        if (dropUrl != null) {
            execute(dropUrl, System.getenv().getOrDefault("KEPT_TEST_DB_USER", "sa"),
                    System.getenv().getOrDefault("KEPT_TEST_DB_PASSWORD", ""), "drop database if exists " + database);
        } else {
            execute(url, "sa", "", "shutdown");  // the in-memory database outlives its pool otherwise (DB_CLOSE_DELAY=-1)
        }
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The pool, or the exception Hikari throws when it cannot get a connection in time. */
    static final class Reachable extends DelegatingDataSource {

        volatile boolean away;

        Reachable(DataSource pool) {
            super(pool);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (away) {
                throw new SQLTransientConnectionException(
                        "HikariPool-1 - Connection is not available, request timed out after 30000ms (total=0, active=0, idle=0, waiting=0)",
                        "08001");
            }
            return super.getConnection();
        }
    }
}
