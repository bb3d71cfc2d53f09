package org.kept.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Expired API tokens are deleted by a scheduled job, which reads time from the clock. */
@KeptTest
class ExpiredTokenSweepTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    TokenDesk tokens;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TokenStore store;

    @Test
    void tokensPastTheirExpiryAreDeletedAndLiveOnesStay() {
        CurrentUser user = fixtures.user("AGENT");
        fixtures.token(user);
        // a short-lived one, so moving the clock past it expires no other test's tokens (they live for hours)
        store.insert(TokenDesk.hash("kept_short-" + System.nanoTime()), user.id(), clock.instant(),
                clock.instant().plus(Duration.ofMinutes(1)));
        tokens.deleteExpired();
        assertThat(rows(user)).as("both still live").isEqualTo(2);
        try (var later = clock.moved(Duration.ofMinutes(2))) {
            assertThat(tokens.deleteExpired()).isGreaterThanOrEqualTo(1);
            assertThat(rows(user)).as("the long-lived one stays").isEqualTo(1);
        }
    }

    private long rows(CurrentUser user) {
        return jdbc.sql("select count(*) from api_token where user_id = ?").param(user.id()).query(Long.class).single();
    }
}
