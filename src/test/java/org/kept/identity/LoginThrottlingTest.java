package org.kept.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kept.support.Api.body;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kept.support.Api;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.Response;
import org.springframework.beans.factory.annotation.Autowired;

/** Password guessing is slowed down: after five failures for a username even the right password waits. */
@KeptTest
class LoginThrottlingTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    org.kept.support.TestClock clock;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private static final java.util.concurrent.atomic.AtomicInteger ADDRESSES = new java.util.concurrent.atomic.AtomicInteger(1);

    /** An address of its own for each use (the test client is a trusted proxy in the test profile). */
    static String someAddress() {
        return "2001:db8::" + Integer.toHexString(ADDRESSES.getAndIncrement()) + ":" + Long.toHexString(System.nanoTime() & 0xffff);
    }

    Response loginFrom(String address, String username, String password) {
        return anonymous.header("X-Forwarded-For", address).post("/api/v1/auth/tokens",
                body("username", username, "password", password));
    }

    java.util.List<String> audit(String username) {
        return jdbc.sql("select action || ' ' || details from audit_entry where subject = ? order by id")
                .param("user:" + username).query(String.class).list();
    }

    Api anonymous;
    CurrentUser user;

    @BeforeEach
    void someone() {
        anonymous = fixtures.api();
        user = fixtures.user("AGENT");
    }

    Response login(String username, String password) {
        return anonymous.post("/api/v1/auth/tokens", body("username", username, "password", password));
    }

    @Test
    void theRightPasswordGivesATokenThatOpensTheApi() {
        Response token = login(user.username(), Fixtures.PASSWORD).expect(200);
        String value = token.json().path("token").asString();
        assertThat(value).startsWith("kept_");
        anonymous.as(value).get("/api/v1/ticket-categories").expect(200);
    }

    @Test
    void aWrongPasswordIsUnauthorizedWithAProblem() {
        Response wrong = login(user.username(), "not-the-password");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(wrong.detail()).isEqualTo("Wrong username or password.");
    }

    @Test
    void afterFiveFailuresTheSixthAttemptIsRefusedEvenWithTheRightPassword() {
        for (int i = 0; i < 5; i++) {
            login(user.username(), "guess-" + i).expect(401);
        }
        Response sixth = login(user.username(), Fixtures.PASSWORD);
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.contentType()).startsWith("application/problem+json");
        assertThat(sixth.json().path("title").asString()).isEqualTo("Too many attempts");
        assertThat(sixth.detail()).contains("Wait");
        assertThat(anonymous.language("zh-CN").post("/api/v1/auth/tokens",
                body("username", user.username(), "password", Fixtures.PASSWORD)).detail()).contains("请几分钟后再试");
    }

    @Test
    void theThrottleIsPerUsernameSoOthersCanStillSignIn() {
        for (int i = 0; i < 5; i++) {
            login(user.username(), "guess-" + i).expect(401);
        }
        CurrentUser colleague = fixtures.user("AGENT");
        login(colleague.username(), Fixtures.PASSWORD).expect(200);
    }

    @Test
    void aSuccessfulLoginForgetsEarlierFailures() {
        for (int i = 0; i < 4; i++) {
            login(user.username(), "guess-" + i).expect(401);
        }
        login(user.username(), Fixtures.PASSWORD).expect(200);
        for (int i = 0; i < 4; i++) {
            login(user.username(), "guess-" + i).expect(401);
        }
        login(user.username(), Fixtures.PASSWORD).expect(200);
    }

    @Test
    void unknownUsersAreTurnedAwayLikeWrongPasswords() {
        Response unknown = login("nobody-" + System.nanoTime(), Fixtures.PASSWORD);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.detail()).isEqualTo("Wrong username or password.");
    }

    @Test
    void aLoginWithoutCredentialsIsInvalidInput() {
        assertThat(anonymous.post("/api/v1/auth/tokens", body("username", user.username())).status()).isEqualTo(422);
        assertThat(anonymous.post("/api/v1/auth/tokens", "{").status()).isEqualTo(400);
    }

    @Test
    void guessesSentInParallelAreCountedBeforeThePasswordIsChecked() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String guess = "parallel-" + i;
                answers.add(pool.submit(() -> login(user.username(), guess).status()));
            }
            long refused = 0;
            for (var answer : answers) {
                refused += answer.get() == 429 ? 1 : 0;
            }
            // only five guesses may reach the password check, however many arrive at once
            assertThat(refused).isEqualTo(15);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneAddressTryingManyUsernamesIsStoppedWhileOtherAddressesAreNot() {
        String sprayer = someAddress();
        for (int i = 0; i < 20; i++) {
            loginFrom(sprayer, "sprayed-" + i + "-" + System.nanoTime(), "Sommer2026!").expect(401);
        }
        Response refused = loginFrom(sprayer, user.username(), Fixtures.PASSWORD);
        assertThat(refused.status()).as("a new username from the same address").isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        loginFrom(someAddress(), user.username(), Fixtures.PASSWORD).expect(200);
    }

    @Test
    void aCentreBehindOneAddressIsNotLockedOutByItsOwnTyposOnceTheyAreFollowedBySuccess() {
        String centre = someAddress();
        for (int i = 0; i < 30; i++) {
            CurrentUser agent = fixtures.user("AGENT");
            loginFrom(centre, agent.username(), "typo").expect(401);
            loginFrom(centre, agent.username(), Fixtures.PASSWORD).expect(200);
        }
    }

    @Test
    void aPasswordResetByAnAdministratorLetsALockedOutPersonInAtOnce() {
        for (int i = 0; i < 5; i++) {
            login(user.username(), "guess-" + i).expect(401);
        }
        login(user.username(), Fixtures.PASSWORD).expect(429);
        fixtures.api(fixtures.user("ADMIN")).post("/api/v1/admin/users/" + user.id() + "/password",
                body("password", "a-new-password-1")).expect(204);
        login(user.username(), "a-new-password-1").expect(200);
        assertThat(login(user.username(), Fixtures.PASSWORD).status()).as("the old password is gone").isEqualTo(401);
    }

    @Test
    void theAuditNamesTheClientAddressOfEachSignIn() {
        String address = someAddress();
        loginFrom(address, user.username(), "wrong").expect(401);
        loginFrom(address, user.username(), Fixtures.PASSWORD).expect(200);
        assertThat(audit(user.username())).containsExactly("login.failure password from " + address,
                "login.success password from " + address);
    }

    @Test
    void repeatedFailuresAreOneAuditEntryWithACountInsteadOfOnePerAttempt() {
        String address = someAddress();
        for (int i = 0; i < 5; i++) {
            loginFrom(address, user.username(), "guess-" + i).expect(401);
        }
        for (int i = 0; i < 10; i++) {
            loginFrom(address, user.username(), "guess-" + i).expect(429);
        }
        assertThat(audit(user.username())).as("the first of each kind at once, the rest counted")
                .containsExactly("login.failure password from " + address, "login.failure throttled from " + address);
        try (var later = clock.moved(java.time.Duration.ofMinutes(6))) {
            loginFrom(address, user.username(), "guess-after").expect(401);
            // the count of throttled attempts is the scheduled writer's (every minute), so only password lines here
            assertThat(audit(user.username()).stream().filter(line -> line.contains(" password ")))
                    .containsExactly("login.failure password from " + address,
                            "login.failure.repeated password from " + address + "; 4 more within the window",
                            "login.failure password from " + address);
        }
    }
}
