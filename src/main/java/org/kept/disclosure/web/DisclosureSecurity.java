package org.kept.disclosure.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * The requesting officer does not sign in to Kept: their agency's link (a 256-bit key the compliance team issued to
 * that agency after checking it through an official channel, revocable, expiring, stored only as its hash) is the
 * key, for the form ({@code /le/{key}}) and the API ({@code /api/v1/le/{key}/…}). Why not officer accounts: officers
 * change and are many, an account per officer would be a password nobody rotates, and what proves a request is the
 * paperwork, the two officers' ID numbers and, for an emergency, the call back to the agency's published landline
 * (recorded on the agency by compliance, never taken from the request). The form keeps CSRF protection; the API is
 * authorised by the key alone, which a forged cross-site request cannot know. The download link is its own key.
 */
@Configuration
class DisclosureSecurity {

    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";

    @Bean
    @Order(0)
    SecurityFilterChain disclosureAgencyApi(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/v1/le/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(0)
    SecurityFilterChain disclosureAgencyPages(HttpSecurity http) throws Exception {
        http.securityMatcher("/le/**")
                .csrf(c -> c.csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CSP)));
        return http.build();
    }
}
