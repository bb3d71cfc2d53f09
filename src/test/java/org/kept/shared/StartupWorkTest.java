package org.kept.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Start-up work waits for a database that is away instead of stopping Kept; readiness waits for the work. */
class StartupWorkTest {

    final List<Duration> pauses = new ArrayList<>();
    final StartupWork work = new StartupWork(new DatabaseOutage(null, Clock.systemUTC()), pauses::add);

    @Test
    void workThatCannotReachTheDatabaseIsTriedAgainWithGrowingPauses() {
        AtomicInteger tries = new AtomicInteger();
        String result = work.retrying("demo centre", () -> {
            if (tries.incrementAndGet() <= 6) {
                throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 30000ms."));
            }
            return "seeded";
        });
        assertThat(result).isEqualTo("seeded");
        assertThat(tries).hasValue(7);
        assertThat(pauses).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L);
    }

    @Test
    void anyOtherFailureStopsAtOnce() {
        assertThatThrownBy(() -> work.retrying("demo centre", () -> {
            throw new DataIntegrityViolationException("duplicate key");
        })).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(pauses).isEmpty();
    }

    @Test
    void readyOnlyWhenEveryExpectedPieceOfWorkIsDone() {
        work.expect("demo centre");
        work.expect("knowledge index");
        assertThat(work.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        work.run("demo centre", () -> { });
        assertThat(work.finished()).isFalse();
        work.done("knowledge index");
        assertThat(work.finished()).isTrue();
        assertThat(work.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void connectionFailuresAreToldFromOtherDatabaseErrors() {
        assertThat(DatabaseAway.is(new SQLException("Connection to 127.0.0.1:5432 refused", "08001"))).isTrue();
        assertThat(DatabaseAway.is(new RuntimeException(new SQLException("An I/O error occurred while sending to the backend", "08006"))))
                .isTrue();
        assertThat(DatabaseAway.is(new org.springframework.dao.DataAccessResourceFailureException("PreparedStatementCallback",
                new org.postgresql.util.PSQLException("This connection has been closed.", org.postgresql.util.PSQLState.CONNECTION_DOES_NOT_EXIST))))
                .isTrue();
        assertThat(DatabaseAway.is(new org.postgresql.util.PSQLException("Connection refused", org.postgresql.util.PSQLState.CONNECTION_UNABLE_TO_CONNECT)))
                .isTrue();
        assertThat(DatabaseAway.is(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(DatabaseAway.is(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(DatabaseAway.is(new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))).isTrue();
        assertThat(DatabaseAway.is(new SQLException("duplicate key value violates unique constraint", "23505"))).isFalse();
        assertThat(DatabaseAway.is(new IllegalStateException("no"))).isFalse();
    }
}
