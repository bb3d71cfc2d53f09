package org.kept.customer.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How often one person without personal-data rights may look customers up by a whole phone number or email: an
 * agent taking calls needs a few an hour, guessing the four hidden digits of a masked number needs thousands.
 * Past the limit ({@code kept.customer.lookup.max} per {@code kept.customer.lookup.window}, 60 per hour by default)
 * the answer is 429 with Retry-After. Counted per instance, like the login throttle: several instances multiply the
 * allowance, which stays far below what guessing needs, and every look-up is audited anyway.
 */
@Component
class ContactLookups {

    private final Clock clock;
    private final int max;
    private final Duration window;
    private final Map<Long, Deque<Instant>> recent = new ConcurrentHashMap<>();

    ContactLookups(Clock clock, @Value("${kept.customer.lookup.max:60}") int max,
                   @Value("${kept.customer.lookup.window:PT1H}") Duration window) {
        this.clock = clock;
        this.max = max;
        this.window = window;
    }

    /** Counts a look-up by the reader, or refuses it (429, Retry-After) when they have used up the window. */
    void admit(CurrentUser reader) {
        Deque<Instant> times = recent.computeIfAbsent(reader.id(), k -> new ArrayDeque<>());
        synchronized (times) {
            Instant now = clock.instant();
            prune(times, now);
            if (times.size() >= max) {
                Duration wait = Duration.between(now, times.peekFirst().plus(window));
                long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
                throw KeptException.tooManyRequests(Duration.ofSeconds(seconds), "error.lookup.throttled",
                        (seconds + 59) / 60);
            }
            times.addLast(now);
        }
    }

    /** Drops windows that have passed, so memory does not grow with everyone who ever looked someone up. */
    @Scheduled(fixedDelay = 60_000)
    void forgetExpired() {
        Instant now = clock.instant();
        recent.values().removeIf(times -> {
            synchronized (times) {
                prune(times, now);
                return times.isEmpty();
            }
        });
    }

    private void prune(Deque<Instant> times, Instant now) {
        Instant horizon = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.removeFirst();
        }
    }
}
