package org.kept.identity.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.kept.shared.Problems;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.web.servlet.support.RequestContextUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two doors: the API takes bearer tokens and no session; pages take a form login with a session and CSRF.
 * What each endpoint needs is declared on the endpoint itself ({@code @PreAuthorize}), so the matrix test can read it.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

    /**
     * No Spring Security observations at all. The property {@code management.observations.enable.spring.security=false}
     * only turns them into no-ops: each of the ~15 filters was still wrapped per request by the observing decorator
     * (and authorization by an observing manager), which cost several percent of the CPU of an API call.
     * With this bean the filter chain is the plain one; {@code http.server.requests} metrics are unaffected.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    AuthenticationManager authenticationManager(UserStore users, PasswordEncoder encoder, LoginThrottle throttle,
                                                FailedLoginAudit failures, ApplicationEventPublisher events) {
        return new ProviderManager(new ThrottledAuthenticationProvider(users, encoder, throttle, failures, events));
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, TokenDesk tokens, Problems problems, JsonMapper json) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BearerTokenFilter(tokens), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/tokens").permitAll()
                        // the end of a stream (server-sent events) is dispatched again after the request was
                        // authorised; the bearer token filter runs once per request, so that dispatch has no user
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC).permitAll()
                        // providers' callbacks (SMS reports and replies): each hook checks its own secret or signature
                        .requestMatchers(HttpMethod.POST, "/api/v1/hooks/**").permitAll()
                        // WeChat's and Weibo's URL checks are GETs, signed like their pushes
                        .requestMatchers(HttpMethod.GET, "/api/v1/hooks/wechat/*", "/api/v1/hooks/weibo/*").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> writeProblem(response, json,
                                problems.of(HttpStatus.UNAUTHORIZED, "error.unauthorized", locale(request))))
                        .accessDeniedHandler((request, response, ex) -> writeProblem(response, json,
                                problems.of(HttpStatus.FORBIDDEN, "error.forbidden", locale(request)))));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, AuthenticationManager manager, UserStore users) throws Exception {
        CsrfTokenRequestAttributeHandler csrfHandler = new CsrfTokenRequestAttributeHandler();
        // named explicitly: left to itself the form login builds its own manager from the UserDetailsService,
        // which neither throttles failed sign-ins nor records them for the audit
        http.authenticationManager(manager)
                .addFilterBefore(new FreshPageUser(users), AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/setup", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        // a survey's one-time link (issue 11): the token is the key, the customer does not sign in
                        .requestMatchers("/s/*").permitAll()
                        // the appeal link in a restricted caller's automatic message (issue 12): the token is the key
                        .requestMatchers("/appeal/*").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/actuator/**").hasAuthority("USER_ADMIN")
                        .anyRequest().authenticated())
                .csrf(c -> c.csrfTokenRequestHandler(csrfHandler))
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false)
                        .failureHandler((request, response, ex) -> response.sendRedirect(
                                request.getContextPath() + (ex instanceof LockedException ? "/login?throttled" : "/login?error"))))
                .logout(l -> l.logoutSuccessUrl("/login?logout"))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                                + "frame-ancestors 'none'; form-action 'self'")));
        return http.build();
    }

    private static Locale locale(jakarta.servlet.http.HttpServletRequest request) {
        return RequestContextUtils.getLocale(request);
    }

    private static void writeProblem(HttpServletResponse response, JsonMapper json, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
