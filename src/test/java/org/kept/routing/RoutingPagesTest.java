package org.kept.routing;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The rules page: an administrator adds a queue and sets an agent's skills through the forms; others are refused. */
@KeptTest
class RoutingPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Test
    void anAdministratorAddsAQueueAndAnAgentsSkillsOnTheRulesPage() throws Exception {
        CurrentUser admin = fixtures.user("ADMIN", null);
        CurrentUser agent = fixtures.user("AGENT");
        String code = "page-" + UUID.randomUUID().toString().substring(0, 6);
        mvc.perform(get("/admin/routing").with(user(admin)).header("Accept-Language", "zh-CN"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("路由规则")));
        mvc.perform(post("/admin/routing/queues").with(user(admin)).with(csrf()).param("code", code).param("name", "页面队列")
                        .param("channel", "CHAT").param("strategy", "LEAST_OCCUPIED").param("closedAction", "ANSWER")
                        .param("skills", "chat:2, en"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/admin/routing"));
        mvc.perform(get("/admin/routing").with(user(admin)).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andExpect(content().string(containsString(code)))
                .andExpect(content().string(containsString("chat:2, en:1")))
                .andExpect(content().string(containsString("Least occupied")));
        mvc.perform(post("/admin/routing/skills").with(user(admin)).with(csrf()).param("agent", String.valueOf(agent.id()))
                        .param("skills", "chat:3"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/admin/routing").param("agent", String.valueOf(agent.id())).with(user(admin)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("value=\"chat:3\"")));
        mvc.perform(get("/admin/routing").with(user(fixtures.user("LEAD")))).andExpect(status().isForbidden());
        mvc.perform(get("/console/routing/queues").with(user(fixtures.user("LEAD"))).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andExpect(content().string(containsString(code)));
        mvc.perform(get("/console/routing/presence").with(user(agent)).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Offline")));
    }
}
