package org.kept.chat.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The customer's side of chat is for people who need not sign in: each request after the start names the chat by its
 * token (256 random bits), which is the key. The session is read (a signed-in portal customer's chat is linked to
 * them) but never created here. Starting a chat or leaving a message with a session asks for the page's CSRF token,
 * as the portal's forms do; the other calls are authorised by the token alone, which a forged cross-site request
 * cannot know. The window may be framed by the centre's own sites ({@code kept.chat.frame-ancestors}).
 */
@Configuration
class ChatSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain chatCustomers(HttpSecurity http,
                                      @org.springframework.beans.factory.annotation.Value("${kept.chat.frame-ancestors:'self'}") String frameAncestors)
            throws Exception {
        RequestMatcher withSession = request -> HttpMethod.POST.matches(request.getMethod())
                && request.getSession(false) != null
                && (request.getRequestURI().endsWith("/api/v1/chat/conversations") || request.getRequestURI().endsWith("/api/v1/chat/messages"));
        http.securityMatcher("/api/v1/chat/**", "/chat/**")
                .csrf(c -> c.csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()).requireCsrfProtectionMatcher(withSession))
                .sessionManagement(s -> s.sessionCreationPolicy(org.springframework.security.config.http.SessionCreationPolicy.NEVER))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .headers(h -> h.frameOptions(f -> f.disable()).contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                                + "frame-ancestors " + frameAncestors + "; form-action 'self'")));
        return http.build();
    }
}
