package org.kept.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing two ways, each over a sliding window:
 * <ul>
 * <li>per account: after too many failed attempts for one username, further attempts are refused until the window
 * passes, whether the password is right or not. The count belongs to the account's session epoch, so a password
 * reset by an administrator (which raises the epoch) lets the person in at once, on every instance;</li>
 * <li>per client address: one password tried against many usernames. An address is refused new usernames once it
 * has failed for too many different ones. A whole centre may sit behind one address, so the limit counts
 * usernames, not attempts, and a successful sign-in takes its own earlier failures off the address's count.</li>
 * </ul>
 * Per instance: several instances multiply the allowance, which stays far below what guessing needs. Logins are
 * rare next to the bcrypt work they cost, so one lock over both counts keeps them consistent.
 */
@Component
class LoginThrottle {

    /** Whether an attempt may go on to the password check, and if not, which limit stopped it. */
    enum Verdict { OPEN, ACCOUNT_LOCKED, ADDRESS_LOCKED }

    private final Clock clock;
    private final int maxFailures;
    private final int maxUsernamesPerAddress;
    private final Duration window;
    private final Map<String, Deque<Instant>> byAccount = new HashMap<>();
    private final Map<String, Deque<Attempt>> byAddress = new HashMap<>();

    LoginThrottle(Clock clock, @Value("${kept.login.max-failures:5}") int maxFailures,
                  @Value("${kept.login.max-usernames-per-address:20}") int maxUsernamesPerAddress,
                  @Value("${kept.login.window:PT5M}") Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.maxUsernamesPerAddress = maxUsernamesPerAddress;
        this.window = window;
    }

    Duration window() {
        return window;
    }

    /**
     * Counts an attempt before the password is checked, so parallel guesses cannot all slip past the check.
     * {@code address} may be null (no client known): then only the account's limit applies.
     */
    synchronized Verdict tryAcquire(String username, int sessionEpoch, String address) {
        Instant now = clock.instant();
        String name = name(username);
        Deque<Instant> account = byAccount.computeIfAbsent(accountKey(name, sessionEpoch), k -> new ArrayDeque<>());
        prune(account, now);
        if (account.size() >= maxFailures) {
            return Verdict.ACCOUNT_LOCKED;
        }
        if (address != null) {
            Deque<Attempt> attempts = byAddress.computeIfAbsent(address, k -> new ArrayDeque<>());
            pruneAttempts(attempts, now);
            Set<String> usernames = new HashSet<>();
            attempts.forEach(a -> usernames.add(a.username()));
            if (usernames.size() >= maxUsernamesPerAddress && !usernames.contains(name)) {
                return Verdict.ADDRESS_LOCKED;
            }
            attempts.addLast(new Attempt(now, name));
        }
        account.addLast(now);
        return Verdict.OPEN;
    }

    /** The right password: this account's failures, here and on the address, no longer count. */
    synchronized void succeeded(String username, int sessionEpoch, String address) {
        String name = name(username);
        byAccount.remove(accountKey(name, sessionEpoch));
        if (address != null) {
            Deque<Attempt> attempts = byAddress.get(address);
            if (attempts != null) {
                attempts.removeIf(a -> a.username().equals(name));
            }
        }
    }

    /** Drops windows that have passed, so guessing many unknown usernames cannot grow memory without bound. */
    @Scheduled(fixedDelay = 60_000)
    synchronized void forgetExpired() {
        Instant now = clock.instant();
        byAccount.values().removeIf(recent -> {
            prune(recent, now);
            return recent.isEmpty();
        });
        byAddress.values().removeIf(attempts -> {
            pruneAttempts(attempts, now);
            return attempts.isEmpty();
        });
    }

    private void prune(Deque<Instant> recent, Instant now) {
        Instant horizon = now.minus(window);
        while (!recent.isEmpty() && recent.peekFirst().isBefore(horizon)) {
            recent.removeFirst();
        }
    }

    private void pruneAttempts(Deque<Attempt> attempts, Instant now) {
        Instant horizon = now.minus(window);
        while (!attempts.isEmpty() && attempts.peekFirst().at().isBefore(horizon)) {
            attempts.removeFirst();
        }
    }

    private static String accountKey(String name, int sessionEpoch) {
        return name + "#" + sessionEpoch;
    }

    static String name(String username) {
        return username == null ? "" : username.trim().toLowerCase();
    }

    private record Attempt(Instant at, String username) {
    }
}
