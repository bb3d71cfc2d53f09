package org.kept.identity.internal;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kept.identity.LoginEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps failed sign-ins from flooding the audit log. The first failure of a username from an address is written at
 * once (a compliance officer sees an attack start); further failures of the same kind within the login window are
 * counted and written as one entry with the count when the window closes. Refusals by the address limit are counted
 * per address (a spray of usernames is one entry), refusals by the account limit per username (guesses from many
 * addresses are one entry). Counts live in memory: on shutdown what is pending is written.
 */
@Component
class FailedLoginAudit {

    /** Stands for "any username" or "any address" in a key. */
    static final String ANY = "*";

    private final Clock clock;
    private final LoginThrottle throttle;
    private final ApplicationEventPublisher events;
    private final Map<Key, Window> open = new HashMap<>();

    FailedLoginAudit(Clock clock, LoginThrottle throttle, ApplicationEventPublisher events) {
        this.clock = clock;
        this.throttle = throttle;
        this.events = events;
    }

    /** A failed attempt; {@code how} says why ("password", "disabled", "throttled"). */
    void failed(String username, String address, String how, LoginThrottle.Verdict verdict) {
        Key key = switch (verdict) {
            case ADDRESS_LOCKED -> new Key(ANY, address, how);
            case ACCOUNT_LOCKED -> new Key(LoginThrottle.name(username), ANY, how);
            case OPEN -> new Key(LoginThrottle.name(username), address, how);
        };
        Instant now = clock.instant();
        LoginEvent first = null;
        LoginEvent closed = null;
        synchronized (this) {
            Window window = open.get(key);
            if (window != null && !window.endsAfter(now)) {
                open.remove(key);
                closed = window.summary(key);
                window = null;
            }
            if (window == null) {
                open.put(key, new Window(now.plus(throttle.window()), username, address));
                first = new LoginEvent(username, false, how, address);
            } else {
                window.more(username, address);
            }
        }
        // published outside the lock: the audit writes a row
        if (closed != null) {
            events.publishEvent(closed);
        }
        if (first != null) {
            events.publishEvent(first);
        }
    }

    /** Writes the counts of windows that have closed. */
    @Scheduled(fixedDelay = 60_000)
    void writeClosed() {
        write(false);
    }

    @PreDestroy
    void writePending() {
        write(true);
    }

    private void write(boolean all) {
        Instant now = clock.instant();
        List<LoginEvent> summaries = new ArrayList<>();
        synchronized (this) {
            open.entrySet().removeIf(e -> {
                if (all || !e.getValue().endsAfter(now)) {
                    LoginEvent summary = e.getValue().summary(e.getKey());
                    if (summary != null) {
                        summaries.add(summary);
                    }
                    return true;
                }
                return false;
            });
        }
        summaries.forEach(events::publishEvent);
    }

    private record Key(String username, String address, String how) {
    }

    /** One window of one key: who and from where it started, and how many more attempts followed. */
    private static final class Window {
        private final Instant ends;
        private final String username;
        private final String address;
        private int more;
        private String lastUsername;
        private String lastAddress;

        Window(Instant ends, String username, String address) {
            this.ends = ends;
            this.username = username;
            this.address = address;
        }

        boolean endsAfter(Instant now) {
            return ends.isAfter(now);
        }

        void more(String username, String address) {
            more++;
            lastUsername = username;
            lastAddress = address;
        }

        /** The entry for the attempts after the first, or null when there were none. */
        LoginEvent summary(Key key) {
            if (more == 0) {
                return null;
            }
            String who = ANY.equals(key.username()) ? lastUsername : username;
            String from = ANY.equals(key.address()) ? lastAddress : address;
            return new LoginEvent(who, false, key.how(), from, more);
        }
    }
}
