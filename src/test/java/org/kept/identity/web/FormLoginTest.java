package org.kept.identity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The login form goes through the same throttled, audited check as the token endpoint. */
@KeptTest
class FormLoginTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void signInsAreAuditedAndRepeatedFailuresAreThrottled() throws Exception {
        CurrentUser planner = fixtures.user("PLANNER", null);
        mvc.perform(formLogin("/login").user(planner.username()).password(Fixtures.PASSWORD)).andExpect(redirectedUrl("/"));
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin("/login").user(planner.username()).password("wrong")).andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(formLogin("/login").user(planner.username()).password(Fixtures.PASSWORD))
                .andExpect(redirectedUrl("/login?throttled"));
        // failures are aggregated: the first wrong password and the first refusal are written at once, the other
        // four wrong passwords become one counted entry when the window closes
        assertThat(jdbc.sql("select action || ' ' || details from audit_entry where subject = ? order by id")
                .param("user:" + planner.username()).query(String.class).list())
                .containsExactly("login.success password from 127.0.0.1", "login.failure password from 127.0.0.1",
                        "login.failure throttled from 127.0.0.1");
    }
}
