package org.kept.phone.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The CTI events endpoint is not for people: a PBX proves itself with its integration's signature or token, checked
 * by the controller, so no bearer token or session is asked for (or created) here.
 */
@Configuration
class CtiSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain ctiEvents(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/v1/cti/events")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }
}
