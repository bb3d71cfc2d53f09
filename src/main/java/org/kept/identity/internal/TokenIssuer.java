package org.kept.identity.internal;

import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Service;

/** Exchanges a username and password for an API token, through the same throttled check as the login form. */
@Service
public class TokenIssuer {

    private final AuthenticationManager manager;
    private final TokenDesk tokens;

    TokenIssuer(AuthenticationManager manager, TokenDesk tokens) {
        this.manager = manager;
        this.tokens = tokens;
    }

    public String issueToken(String username, String password) {
        try {
            var result = manager.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
            return tokens.issue((CurrentUser) result.getPrincipal());
        } catch (LockedException e) {
            throw new KeptException(HttpStatus.TOO_MANY_REQUESTS, "error.login.throttled");
        } catch (AuthenticationException e) {
            throw new KeptException(HttpStatus.UNAUTHORIZED, "error.login.bad");
        }
    }
}
