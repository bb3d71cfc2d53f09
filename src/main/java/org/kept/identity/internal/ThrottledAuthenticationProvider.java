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
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a username and password, refusing while the login throttle is closed, and records the outcome with the
 * client's address for the audit. The address is the connection's, or the one a trusted proxy forwarded when
 * {@code server.forward-headers-strategy} is set (never a header a client could write itself).
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private static final String UNKNOWN_USER_HASH =
            new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode("no such user");

    private final UserStore users;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    private final FailedLoginAudit failures;
    private final ApplicationEventPublisher events;

    ThrottledAuthenticationProvider(UserStore users, PasswordEncoder encoder, LoginThrottle throttle,
                                    FailedLoginAudit failures, ApplicationEventPublisher events) {
        this.users = users;
        this.encoder = encoder;
        this.throttle = throttle;
        this.failures = failures;
        this.events = events;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        // the account is read before the throttle (one indexed row, no bcrypt): its session epoch keys the count
        UserStore.Account account = users.account(username).orElse(null);
        int epoch = account == null ? 0 : account.sessionEpoch();
        LoginThrottle.Verdict verdict = throttle.tryAcquire(username, epoch, address);
        if (verdict != LoginThrottle.Verdict.OPEN) {
            failures.failed(username, address,
                    verdict == LoginThrottle.Verdict.ADDRESS_LOCKED ? "throttled-address" : "throttled", verdict);
            throw new LockedException("login.throttled");
        }
        CurrentUser user = account == null ? null : account.user();
        // an unknown username costs the same bcrypt work, so timing does not tell which usernames exist
        boolean matches = encoder.matches(password, user == null ? UNKNOWN_USER_HASH : user.passwordHash());
        if (user == null || !matches) {
            failures.failed(username, address, "password", verdict);
            throw new BadCredentialsException("login.bad");
        }
        if (!user.enabled()) {
            failures.failed(username, address, "disabled", verdict);
            throw new DisabledException("login.disabled");
        }
        throttle.succeeded(username, epoch, address);
        events.publishEvent(new LoginEvent(username, true, "password", address));
        CurrentUser principal = user.withoutPassword();
        var result = UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
        result.setDetails(new SignIn(address, epoch));
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
