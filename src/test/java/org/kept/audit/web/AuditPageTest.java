package org.kept.audit.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.identity.IdentityChanged;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.MockMvc;

/** The audit page: compliance and administrators read and verify; everyone else is turned away. */
@KeptTest
class AuditPageTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void complianceFiltersBySubjectAndActorAndSeesEntriesEscaped() throws Exception {
        CurrentUser compliance = fixtures.user("COMPLIANCE", null);
        String subject = "user:audit-" + System.nanoTime();
        events.publishEvent(new IdentityChanged("auditor-a", "user.role", subject, "AGENT → <b>LEAD</b>"));
        events.publishEvent(new IdentityChanged("auditor-b", "user.team", subject, "hotline → online"));
        mvc.perform(get("/admin/audit").param("subject", subject).with(user(compliance)).header("Accept-Language", "zh-CN"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("审计日志")))
                .andExpect(content().string(containsString("AGENT → &lt;b&gt;LEAD&lt;/b&gt;")))
                .andExpect(content().string(containsString("hotline → online")));
        mvc.perform(get("/admin/audit").param("subject", subject).param("actor", "auditor-b").with(user(compliance)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("hotline → online")))
                .andExpect(content().string(not(containsString("&lt;b&gt;LEAD"))));
    }

    @Test
    void theVerifyButtonShowsTheChainCheck() throws Exception {
        CurrentUser admin = fixtures.user("ADMIN", null);
        mvc.perform(post("/admin/audit/verify").param("subject", "").with(user(admin)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("sealed entries checked")))
                .andExpect(content().string(containsString("role=\"status\"")));
        mvc.perform(post("/admin/audit/verify").with(user(admin))).andExpect(status().isForbidden());
    }

    @Test
    void agentsLeadsAndCustomersCannotOpenIt() throws Exception {
        for (String role : List.of("AGENT", "LEAD", "CUSTOMER", "OUTSOURCED")) {
            CurrentUser who = fixtures.user(role);
            mvc.perform(get("/admin/audit").with(user(who))).andExpect(status().isForbidden());
            mvc.perform(post("/admin/audit/verify").with(user(who)).with(csrf())).andExpect(status().isForbidden());
        }
    }
}
