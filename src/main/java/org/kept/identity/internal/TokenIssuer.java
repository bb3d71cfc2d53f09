package org.kept.identity.internal;

import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Service;

/**
 * Exchanges a username and password for an API token, through the same throttled check as the login form; lists and
 * revokes a person's own tokens.
 */
@Service
public class TokenIssuer {

    private final AuthenticationManager manager;
    private final TokenDesk tokens;

    TokenIssuer(AuthenticationManager manager, TokenDesk tokens) {
        this.manager = manager;
        this.tokens = tokens;
    }

    /** {@code address} is the client's, for the throttle's per-address limit and the audit. */
    public String issueToken(String username, String password, String address) {
        try {
            var request = UsernamePasswordAuthenticationToken.unauthenticated(username, password);
            request.setDetails(new WebAuthenticationDetails(address, null));
            var result = manager.authenticate(request);
            return tokens.issue((CurrentUser) result.getPrincipal());
        } catch (LockedException e) {
            throw new KeptException(HttpStatus.TOO_MANY_REQUESTS, "error.login.throttled");
        } catch (AuthenticationException e) {
            throw new KeptException(HttpStatus.UNAUTHORIZED, "error.login.bad");
        }
    }

    /** The caller's own live tokens; {@code currentToken} (the one the request came with) is marked. */
    public List<ApiToken> tokensOf(CurrentUser user, String currentToken) {
        return tokens.listed(user, currentToken);
    }

    /** Revokes one of the caller's own tokens; another person's token is as unknown as one that never existed. */
    public void revoke(CurrentUser user, String id) {
        if (!tokens.revoke(user, id)) {
            throw new KeptException(HttpStatus.NOT_FOUND, "error.token.unknown", String.valueOf(id));
        }
    }
}
