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
}
