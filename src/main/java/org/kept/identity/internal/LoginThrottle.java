package org.kept.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after too many failed attempts for one username within a window, further attempts
 * are refused until the window passes, whether the password is right or not. Per instance: several instances
 * multiply the allowance, which stays far below what guessing needs.
 */
@Component
class LoginThrottle {

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock, @Value("${kept.login.max-failures:5}") int maxFailures,
                  @Value("${kept.login.window:PT5M}") Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /**
     * Counts an attempt before the password is checked, so parallel guesses cannot all slip past the check;
     * returns false when the username has used up its attempts for the window.
     */
    boolean tryAcquire(String username) {
        Deque<Instant> recent = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
        synchronized (recent) {
            prune(recent);
            if (recent.size() >= maxFailures) {
                return false;
            }
            recent.addLast(clock.instant());
            return true;
        }
    }

    void succeeded(String username) {
        failures.remove(key(username));
    }

    /** Drops windows that have passed, so guessing many unknown usernames cannot grow memory without bound. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelay = 60_000)
    void forgetExpired() {
        failures.values().removeIf(recent -> {
            synchronized (recent) {
                prune(recent);
                return recent.isEmpty();
            }
        });
    }

    private void prune(Deque<Instant> recent) {
        Instant horizon = clock.instant().minus(window);
        while (!recent.isEmpty() && recent.peekFirst().isBefore(horizon)) {
            recent.removeFirst();
        }
    }

    private static String key(String username) {
        return username == null ? "" : username.trim().toLowerCase();
    }
}
