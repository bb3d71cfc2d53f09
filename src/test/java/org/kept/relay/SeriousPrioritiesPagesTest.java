package org.kept.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The administrators' page of relay's serious priorities: only an administrator opens and changes it (agents, leads
 * and outsourced agents are refused, and a form without its CSRF token too), every change is in the audit log, a bad
 * priority is refused with its reason, and it is linked from the admin area's tabs.
 */
@KeptTest
class SeriousPrioritiesPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    List<String> serious() {
        return jdbc.sql("select priority from relay_serious_priority order by priority").query(String.class).list();
    }

    long audited(String action, String priority) {
        return jdbc.sql("select count(*) from audit_entry where action = ? and subject = ?")
                .params(action, "relay-serious-priority:" + priority).query(Long.class).single();
    }

    @Test
    void onlyAnAdministratorOpensOrChangesThePage() throws Exception {
        for (String role : List.of("AGENT", "LEAD", "OUTSOURCED", "COMPLAINTS")) {
            CurrentUser someone = fixtures.user(role);
            mvc.perform(get("/admin/relay/serious").with(user(someone))).andExpect(status().isForbidden());
            mvc.perform(post("/admin/relay/serious").with(user(someone)).with(csrf()).param("priority", "P4"))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/admin/relay/serious/P1/remove").with(user(someone)).with(csrf()))
                    .andExpect(status().isForbidden());
        }
        CurrentUser admin = fixtures.user("ADMIN", null);
        mvc.perform(post("/admin/relay/serious").with(user(admin)).param("priority", "P4")).andExpect(status().isForbidden());
        assertThat(serious()).doesNotContain("P4");
        mvc.perform(get("/admin/relay/serious").with(user(admin)).header("Accept-Language", "zh-CN"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("严重优先级")))
                .andExpect(content().string(containsString("href=\"/admin/relay/serious\"")))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
        mvc.perform(get("/admin/users").with(user(admin)))
                .andExpect(content().string(containsString("href=\"/admin/relay/serious\"")));
        mvc.perform(get("/admin/users").with(user(admin)).header("Accept-Language", "en"))
                .andExpect(content().string(containsString("Serious priorities")));
    }

    @Test
    void anAdministratorAddsAndRemovesASeriousPriorityAndEachChangeIsAudited() throws Exception {
        CurrentUser admin = fixtures.user("ADMIN", null);
        long addedBefore = audited("relay.serious.add", "P4");
        long removedBefore = audited("relay.serious.remove", "P4");
        try {
            mvc.perform(post("/admin/relay/serious").with(user(admin)).with(csrf()).param("priority", "P4")
                            .header("Accept-Language", "en"))
                    .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/admin/relay/serious"))
                    .andExpect(flash().attribute("notice", "P4 now counts as serious."));
            assertThat(serious()).contains("P1", "P2", "P4");
            // the same again changes nothing and writes nothing
            mvc.perform(post("/admin/relay/serious").with(user(admin)).with(csrf()).param("priority", "P4"))
                    .andExpect(status().is3xxRedirection());
            mvc.perform(get("/admin/relay/serious").with(user(admin)).header("Accept-Language", "en"))
                    .andExpect(content().string(containsString("data-priority=\"P4\"")));
            await().atMost(Duration.ofSeconds(10)).until(() -> audited("relay.serious.add", "P4") == addedBefore + 1);
            mvc.perform(post("/admin/relay/serious/P4/remove").with(user(admin)).with(csrf()).header("Accept-Language", "zh-CN"))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(flash().attribute("notice", "P4 不再视为严重。"));
            assertThat(serious()).doesNotContain("P4").contains("P1", "P2");
            await().atMost(Duration.ofSeconds(10)).until(() -> audited("relay.serious.remove", "P4") == removedBefore + 1);
            assertThat(jdbc.sql("select actor from audit_entry where action = 'relay.serious.remove' and subject = ? "
                    + "order by id desc limit 1").param("relay-serious-priority:P4").query(String.class).single())
                    .isEqualTo(admin.username());
        } finally {
            jdbc.sql("delete from relay_serious_priority where priority = 'P4'").update();
        }
    }

    @Test
    void aBadPriorityIsRefusedWithItsReasonAndNothingChanges() throws Exception {
        CurrentUser admin = fixtures.user("ADMIN", null);
        List<String> before = serious();
        mvc.perform(post("/admin/relay/serious").with(user(admin)).with(csrf()).param("priority", "P9")
                        .header("Accept-Language", "en"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("alert", containsString("Choose one of the ticket priorities P1 to P4")));
        mvc.perform(post("/admin/relay/serious/X1/remove").with(user(admin)).with(csrf()).header("Accept-Language", "zh-CN"))
                .andExpect(flash().attribute("alert", containsString("请选择工单优先级")));
        assertThat(serious()).isEqualTo(before);
        mvc.perform(get("/admin/relay/serious").with(user(admin))).andExpect(content().string(not(containsString("P9"))));
    }
}
