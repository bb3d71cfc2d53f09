package org.kept.phone.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.identity.UserView;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * The PBX's {@code user} (a Kept user name or an agent number, 工号) as a Kept person with their permissions. Every
 * call event names its agent, and at 200 events a second looking them up and loading their role's permissions was a
 * fifth of an event's statements: the agent comes from the directory's staff list (held for a few seconds) and the
 * signed-in form is kept for {@link #FRESH}, the same time the directory allows an administrator's change to arrive.
 */
@Component
class Agents {

    static final Duration FRESH = Duration.ofSeconds(5);

    private final Directory directory;
    private final UserDetailsService users;
    private final Map<String, Loaded> signedIn = new ConcurrentHashMap<>();

    private record Loaded(long at, Optional<CurrentUser> user) {
    }

    Agents(Directory directory, UserDetailsService users) {
        this.directory = directory;
        this.users = users;
    }

    Optional<UserView> byRef(String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        for (UserView u : directory.staff()) {
            if (ref.equals(u.username())) {
                return Optional.of(u);
            }
        }
        return directory.staff().stream().filter(u -> ref.equals(u.agentNo())).findFirst()
                .or(() -> directory.userNamed(ref));
    }

    /** With the role's permissions, to mask what they may not see. */
    Optional<CurrentUser> signedInAs(UserView user) {
        long now = System.nanoTime();
        Loaded loaded = signedIn.get(user.username());
        if (loaded == null || now - loaded.at() > FRESH.toNanos()) {
            if (signedIn.size() > 10_000) {
                signedIn.clear();  // names of people long gone: a PBX cannot grow this without bound
            }
            loaded = new Loaded(now, load(user.username()));
            signedIn.put(user.username(), loaded);
        }
        return loaded.user();
    }

    private Optional<CurrentUser> load(String username) {
        try {
            return Optional.of((CurrentUser) users.loadUserByUsername(username)).filter(CurrentUser::isEnabled);
        } catch (UsernameNotFoundException e) {
            return Optional.empty();
        }
    }
}
