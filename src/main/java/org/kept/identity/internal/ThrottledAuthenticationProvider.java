package org.kept.identity.internal;

import org.kept.identity.CurrentUser;
import org.kept.identity.LoginEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Checks a username and password, refusing while the login throttle is closed, and records the outcome for the audit. */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final UserStore users;
    private static final String UNKNOWN_USER_HASH =
            new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode("no such user");

    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    private final ApplicationEventPublisher events;

    ThrottledAuthenticationProvider(UserStore users, PasswordEncoder encoder, LoginThrottle throttle,
                                    ApplicationEventPublisher events) {
        this.users = users;
        this.encoder = encoder;
        this.throttle = throttle;
        this.events = events;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        if (!throttle.tryAcquire(username)) {
            events.publishEvent(new LoginEvent(username, false, "throttled", null));
            throw new LockedException("login.throttled");
        }
        CurrentUser user = users.byUsername(username).orElse(null);
        // an unknown username costs the same bcrypt work, so timing does not tell which usernames exist
        boolean matches = encoder.matches(password, user == null ? UNKNOWN_USER_HASH : user.passwordHash());
        if (user == null || !matches) {
            events.publishEvent(new LoginEvent(username, false, "password", null));
            throw new BadCredentialsException("login.bad");
        }
        if (!user.enabled()) {
            events.publishEvent(new LoginEvent(username, false, "disabled", null));
            throw new DisabledException("login.disabled");
        }
        throttle.succeeded(username);
        events.publishEvent(new LoginEvent(username, true, "password", null));
        CurrentUser principal = user.withoutPassword();
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
