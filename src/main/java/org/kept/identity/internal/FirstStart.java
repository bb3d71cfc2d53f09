package org.kept.identity.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import org.kept.identity.CurrentUser;
import org.kept.identity.NewUser;
import org.kept.identity.Permission;
import org.kept.shared.Centre;
import org.kept.shared.KeptException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first administrator of a centre without one (设置向导). Either the person holding the one-time setup link fills in
 * the setup page (administrator, centre name and zone, first team), or an automated install names the administrator in
 * {@code KEPT_ADMIN_USERNAME}/{@code KEPT_ADMIN_PASSWORD}. Once an administrator exists the link is dead for good.
 */
@Service
public class FirstStart {

    /** Who sets Kept up, in the audit log: nobody has signed in yet. */
    static final CurrentUser SETUP = new CurrentUser(0, "setup", "First start", null, Roles.ADMIN,
            EnumSet.allOf(Permission.class), null, null, true, "");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SetupStore store;
    private final UserAdminDesk admin;
    private final Centre centre;
    private final Clock clock;

    FirstStart(SetupStore store, UserAdminDesk admin, Centre centre, Clock clock) {
        this.store = store;
        this.admin = admin;
        this.centre = centre;
        this.clock = clock;
    }

    /** What a setup link leads to. */
    public enum Link {
        /** The link is right and nobody has set Kept up yet. */
        OPEN,
        /** No such link (never issued, or mistyped): 404. */
        UNKNOWN,
        /** The link was used, or an administrator exists some other way: 410. */
        USED
    }

    /** What the setup page asks for. */
    public record Setup(String username, String displayName, String password, String passwordAgain, String centreName,
                        String timeZone, String teamCode, String teamName) {

        @Override
        public String toString() {
            return "Setup[" + username + ", " + centreName + "]";
        }
    }

    /** The token of the setup link while no administrator exists (made once, shared by every instance); else empty. */
    @Transactional
    public Optional<String> openLink() {
        if (store.anyAdministrator()) {
            return Optional.empty();
        }
        store.offer(newToken(), clock.instant().atOffset(ZoneOffset.UTC));
        return store.token().filter(t -> !t.used()).map(SetupStore.Token::value);
    }

    public Link link(String token) {
        Optional<SetupStore.Token> stored = store.token();
        if (token == null || stored.isEmpty() || !same(stored.get().value(), token)) {
            return Link.UNKNOWN;
        }
        return stored.get().used() || store.anyAdministrator() ? Link.USED : Link.OPEN;
    }

    /**
     * Creates the centre's first administrator, names the centre and its zone and makes its first team, all or
     * nothing. Refused like an administrator's own create (username, password rules, team code); a link that is used
     * already, or another instance finishing first, is a 410.
     */
    @Transactional
    public long complete(String token, Setup setup) {
        if (link(token) != Link.OPEN) {
            throw gone();
        }
        if (setup.password() == null || !setup.password().equals(setup.passwordAgain())) {
            throw KeptException.invalid("error.setup.passwordAgain");
        }
        centre.define(setup.centreName(), setup.timeZone());
        long user = admin.insertUser(new NewUser(setup.username(), setup.displayName(), null, Roles.ADMIN, null, null,
                setup.password()), SETUP);
        admin.insertTeam(setup.teamCode(), setup.teamName(), SETUP);
        if (!store.claim(token, clock.instant().atOffset(ZoneOffset.UTC))) {
            throw gone();
        }
        return user;
    }

    /**
     * An automated install's administrator, when no administrator exists. Two instances starting together may both
     * try: the unique username lets one in, and the other finds the administrator there.
     */
    @Transactional
    public boolean createFromEnvironment(String username, String password) {
        if (store.anyAdministrator()) {
            return false;
        }
        try {
            admin.insertUser(new NewUser(username, username, null, Roles.ADMIN, null, null, password), SETUP);
            return true;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }

    private static KeptException gone() {
        return new KeptException(HttpStatus.GONE, "error.setup.used");
    }

    /** 32 random bytes, URL-safe: nobody guesses it in the time an administrator takes to open it. */
    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean same(String stored, String given) {
        return MessageDigest.isEqual(stored.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
