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
 * Nothing is served before start-up work is done ({@link StartupWork}): a login while the demo people are still being
 * written would fail, a search before the index is built would find nothing. Until then every request but the health
 * probes (and the style sheet) is answered 503 with Retry-After.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class StartupGate extends OncePerRequestFilter {

    private final StartupWork work;
    private final Unavailable unavailable;

    StartupGate(StartupWork work, Unavailable unavailable) {
        this.work = work;
        this.unavailable = unavailable;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (work.finished() || passes(request.getRequestURI().substring(request.getContextPath().length()))) {
            chain.doFilter(request, response);
            return;
        }
        unavailable.answer(request, response, "error.starting");
    }

    /** The probes, and the style sheet of the page that says Kept is starting. */
    private static boolean passes(String path) {
        return path.startsWith("/actuator/health") || path.startsWith("/css/");
    }
}
