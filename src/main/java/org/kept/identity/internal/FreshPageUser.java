package org.kept.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.kept.identity.CurrentUser;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Re-reads the signed-in person on every page request. A session holds who someone was when they signed in;
 * without this, a disabled account or a role taken away would keep working in an open browser until the session
 * ends. A password reset or disabling raises the account's session epoch, which ends sessions signed in before it
 * (the epoch is in the shared database, so it works whichever instance holds the session). Pages are not the hot
 * path (the API is, and its tokens have their own short cache), so one lookup is cheap.
 */
class FreshPageUser extends OncePerRequestFilter {

    private final UserStore users;

    FreshPageUser(UserStore users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser signedIn) {
            // a session from before epochs were remembered counts as epoch 0, the value every account started at
            int epoch = authentication.getDetails() instanceof SignIn signIn ? signIn.sessionEpoch() : 0;
            Optional<UserStore.Account> account = users.account(signedIn.id())
                    .filter(a -> a.user().enabled() && a.sessionEpoch() == epoch);
            if (account.isEmpty()) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            } else {
                CurrentUser now = account.get().user().withoutPassword();
                if (!now.equals(signedIn)) {
                    var fresh = UsernamePasswordAuthenticationToken.authenticated(now, null, now.getAuthorities());
                    fresh.setDetails(authentication.getDetails());
                    var context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(fresh);
                    SecurityContextHolder.setContext(context);
                }
            }
        }
        chain.doFilter(request, response);
    }
}
