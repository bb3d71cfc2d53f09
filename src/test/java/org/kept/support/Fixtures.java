package org.kept.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.kept.customer.Customer;
import org.kept.customer.CustomerTier;
import org.kept.customer.Customers;
import org.kept.customer.NewCustomer;
import org.kept.identity.CurrentUser;
import org.kept.identity.IdentityChanged;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Makes people of any role, customers and API tokens, each with unique names so tests never collide. */
@TestComponent
public class Fixtures {

    public static final String PASSWORD = "secret-pass";
    private static final AtomicLong PHONE = new AtomicLong(System.nanoTime() % 10_000_000);

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final UserDetailsService users;
    private final Customers customers;
    private final Environment environment;
    private final HttpClient http = HttpClient.newHttpClient();
    private String passwordHash;

    private final ApplicationEventPublisher events;

    Fixtures(JdbcClient jdbc, PasswordEncoder encoder, UserDetailsService users, Customers customers, Environment environment,
             ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.users = users;
        this.customers = customers;
        this.environment = environment;
    }

    /** A new enabled user of the role (e.g. AGENT, OUTSOURCED, CUSTOMER) in the given team code (or null). */
    public CurrentUser user(String role, String teamCode) {
        String username = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Long teamId = teamCode == null ? null
                : jdbc.sql("select id from team where code = ?").param(teamCode).query(Long.class).single();
        Long customerId = "CUSTOMER".equals(role) ? customer("客户" + username).id() : null;
        if (passwordHash == null) {
            passwordHash = encoder.encode(PASSWORD);
        }
        jdbc.sql("insert into app_user (username, password_hash, display_name, agent_no, role_code, team_id, customer_id, "
                        + "enabled, created_at) values (?, ?, ?, ?, ?, ?, ?, true, ?)")
                .params(username, passwordHash, "测试 " + username, "T" + username.hashCode() % 10000, role, teamId, customerId,
                        OffsetDateTime.now()).update();
        // the directory (teams, staff) is cached for a few seconds; an administrator's change drops it, so must this
        events.publishEvent(new IdentityChanged("fixtures", "test.user", "fixture:" + username, role));
        return ((CurrentUser) users.loadUserByUsername(username)).withoutPassword();
    }

    public CurrentUser user(String role) {
        return user(role, "CUSTOMER".equals(role) ? null : "hotline");
    }

    /** The id of a team by its code ({@code hotline}, {@code online}, {@code after-sales}, {@code major-complaints}). */
    public long team(String code) {
        return jdbc.sql("select id from team where code = ?").param(code).query(Long.class).single();
    }

    /** A customer with a unique mobile number and an email. */
    public Customer customer(String name) {
        String mobile = "+86139" + String.format("%08d", PHONE.incrementAndGet() % 100_000_000);
        return customers.create(new NewCustomer(name, CustomerTier.STANDARD, null, List.of(mobile),
                List.of("c" + UUID.randomUUID().toString().substring(0, 6) + "@example.com")), "test");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + environment.getProperty("local.server.port");
    }

    /** A caller without credentials. */
    public Api api() {
        return new Api(baseUrl());
    }

    /** A caller signed in as the user with a real API token. */
    public Api api(CurrentUser user) {
        return api().as(token(user));
    }

    /** An inquiry recorded through the API by the caller for the customer; fails unless it was created. */
    public Response ticket(Api caller, long customerId, String subject) {
        return caller.post("/api/v1/tickets", Api.body("type", "INQUIRY", "subject", subject, "customerId", customerId))
                .expect(201);
    }

    /** An API token for the user, obtained through the real token endpoint. */
    public String token(CurrentUser user) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/auth/tokens"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"" + user.username() + "\",\"password\":\"" + PASSWORD + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
            }
            return response.body().replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
