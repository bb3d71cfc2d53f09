package org.kept.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock in tests: real time, until a test moves it. Moves are scoped ({@code try (var m =
 * clock.moved(...))}) so the shared context is back on real time when the test ends, passing or failing.
 */
public final class TestClock extends Clock {

    private final Clock real = Clock.systemUTC();
    private volatile Duration offset = Duration.ZERO;
    private volatile Instant stopped;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        Instant at = stopped;
        return at != null ? Clock.fixed(at, zone) : Clock.offset(real.withZone(zone), offset);
    }

    @Override
    public Instant instant() {
        Instant at = stopped;
        return at != null ? at : real.instant().plus(offset);
    }

    /** Back on real time when closed. */
    public interface Moved extends AutoCloseable {
        @Override
        void close();
    }

    /** Runs the application {@code by} ahead of real time (behind, when negative) until closed. */
    public Moved moved(Duration by) {
        Duration before = offset;
        offset = before.plus(by);
        return () -> offset = before;
    }

    /** Stands still at {@code at} until closed: for arithmetic that must come out to the minute. */
    public Moved stoppedAt(Instant at) {
        Instant before = stopped;
        stopped = at;
        return () -> stopped = before;
    }

    /** Registers the clock in place of the real one; {@link KeptTest} imports it. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
