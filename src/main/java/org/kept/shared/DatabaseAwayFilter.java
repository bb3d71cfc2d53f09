package org.kept.shared;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The database away under a page or a security filter (a bearer token or a session's user is looked up before any
 * controller runs): answered 503 with Retry-After and the reason in words, logged once per outage, instead of a 500
 * and a stack trace per request. API controllers' failures are answered the same way by {@link ApiProblemAdvice}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseAwayFilter extends OncePerRequestFilter {

    private final DatabaseOutage outage;
    private final Unavailable unavailable;

    DatabaseAwayFilter(DatabaseOutage outage, Unavailable unavailable) {
        this.outage = outage;
        this.unavailable = unavailable;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!DatabaseAway.is(e) || response.isCommitted()) {
                throw e;
            }
            outage.noticed(e);
            unavailable.answer(request, response, "error.databaseAway");
        }
    }
}
