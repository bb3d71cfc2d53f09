package org.kept.identity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.identity.Permission;
import org.kept.identity.internal.AdminStore;
import org.kept.identity.internal.UserAdminDesk;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The admin pages as a signed-in administrator, and as the roles that must be turned away. */
@KeptTest
class AdminPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserAdminDesk admin;

    @Autowired
    AdminStore directory;

    @Test
    void theUserListFiltersByRoleAndTeamInChinese() throws Exception {
        CurrentUser lead = fixtures.user("LEAD", "after-sales");
        CurrentUser agent = fixtures.user("AGENT", "after-sales");
        long afterSales = jdbc.sql("select id from team where code = 'after-sales'").query(Long.class).single();
        mvc.perform(get("/admin/users").param("role", "LEAD").param("team", String.valueOf(afterSales))
                        .header("Accept-Language", "zh-CN").with(user(anAdmin())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("新建用户")))
                .andExpect(content().string(containsString(lead.username())))
                .andExpect(content().string(not(containsString(agent.username()))));
    }

    @Test
    void aRefusedFormComesBackWithWhatWasTypedAndTheReasonButNotThePassword() throws Exception {
        String username = AdminApiTest.unique("liu.yang");
        mvc.perform(post("/admin/users").with(user(anAdmin())).with(csrf())
                        .param("username", username).param("displayName", "刘洋").param("agentNo", "C77")
                        .param("role", "AGENT").param("teamId", "").param("password", "short7!"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"" + username + "\"")))
                .andExpect(content().string(containsString("value=\"刘洋\"")))
                .andExpect(content().string(containsString("value=\"C77\"")))
                .andExpect(content().string(containsString("A password needs 8 to 72 characters.")))
                .andExpect(content().string(containsString("aria-invalid=\"true\"")))
                .andExpect(content().string(not(containsString("short7!"))));
        mvc.perform(post("/admin/users").with(user(anAdmin())).with(csrf())
                        .param("username", username).param("displayName", "刘洋").param("role", "AGENT")
                        .param("teamId", "not-a-number").param("password", "long-enough-1"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"刘洋\"")));
        assertThat(directory.users(null, null, username)).isEmpty();
    }

    @Test
    void anAdminCreatesAUserOnceEvenWhenTheFormIsSentTwiceAndNamesAreEscaped() throws Exception {
        CurrentUser me = anAdmin();
        String username = AdminApiTest.unique("chen.jing");
        MockHttpServletRequestBuilder form = post("/admin/users").with(user(me)).with(csrf())
                .param("formKey", "form-" + username).param("username", username)
                .param("displayName", "<script>alert(1)</script>陈静").param("role", "AGENT").param("teamId", "")
                .param("password", "long-enough-1");
        String location = mvc.perform(form).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/admin/users/*")).andExpect(flash().attributeExists("notice"))
                .andReturn().getResponse().getRedirectedUrl();
        mvc.perform(form).andExpect(redirectedUrl(location));
        assertThat(directory.users(null, null, username)).hasSize(1);
        mvc.perform(get(location).with(user(me)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;陈静")))
                .andExpect(content().string(not(containsString("<script>alert(1)"))));
        mvc.perform(post("/admin/users").with(user(me)).with(csrf()).param("username", username.toUpperCase())
                        .param("displayName", "重复").param("role", "AGENT").param("password", "long-enough-1"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The username &#39;" + username.toUpperCase() + "&#39; is taken.")));
    }

    @Test
    void aPersonsPageEditsDisablesAndResetsThePassword() throws Exception {
        CurrentUser me = anAdmin();
        CurrentUser agent = fixtures.user("AGENT");
        long online = jdbc.sql("select id from team where code = 'online'").query(Long.class).single();
        String page = "/admin/users/" + agent.id();
        mvc.perform(get(page).with(user(me)).header("Accept-Language", "zh-CN"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("重置密码")));
        mvc.perform(post(page).with(user(me)).with(csrf()).param("displayName", "").param("role", "LEAD"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("A display name is required, at most 100 characters.")));
        mvc.perform(post(page).with(user(me)).with(csrf()).param("displayName", "周杰").param("agentNo", "Z9")
                        .param("role", "LEAD").param("teamId", String.valueOf(online)))
                .andExpect(redirectedUrl(page));
        assertThat(directory.user(agent.id()).orElseThrow())
                .satisfies(u -> assertThat(u.role()).isEqualTo("LEAD"))
                .satisfies(u -> assertThat(u.teamId()).isEqualTo(online))
                .satisfies(u -> assertThat(u.enabled()).isTrue());
        mvc.perform(post(page + "/enabled").with(user(me)).with(csrf()).param("enabled", "false")).andExpect(redirectedUrl(page));
        assertThat(directory.user(agent.id()).orElseThrow().enabled()).isFalse();
        mvc.perform(post(page + "/password").with(user(me)).with(csrf()).param("password", "1234"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("A password needs 8 to 72 characters.")));
        mvc.perform(post(page + "/password").with(user(me)).with(csrf()).param("password", "brand-new-pass"))
                .andExpect(redirectedUrl(page));
        assertThat(jdbc.sql("select password_hash from app_user where id = ?").param(agent.id()).query(String.class).single())
                .startsWith("$2");
        // disabling oneself is refused on the page too, with the reason shown
        mvc.perform(post("/admin/users/" + me.id() + "/enabled").with(user(me)).with(csrf()).param("enabled", "false"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("You cannot disable your own account.")));
    }

    @Test
    void teamsAreCreatedAndARefusedRenameStaysInItsRow() throws Exception {
        CurrentUser me = anAdmin();
        String code = AdminApiTest.unique("team");
        mvc.perform(post("/admin/teams").with(user(me)).with(csrf()).param("code", code).param("name", "回访组"))
                .andExpect(redirectedUrl("/admin/teams"));
        long id = jdbc.sql("select id from team where code = ?").param(code).query(Long.class).single();
        mvc.perform(post("/admin/teams").with(user(me)).with(csrf()).param("code", code).param("name", "另一个"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"另一个\"")))
                .andExpect(content().string(containsString("The team code &#39;" + code + "&#39; is taken.")));
        mvc.perform(post("/admin/teams/" + id).with(user(me)).with(csrf()).param("name", " "))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"team-error-" + id + "\"")));
        mvc.perform(post("/admin/teams/" + id).with(user(me)).with(csrf()).param("name", "回访与满意度组"))
                .andExpect(redirectedUrl("/admin/teams"));
        mvc.perform(get("/admin/teams").with(user(me))).andExpect(content().string(containsString("回访与满意度组")));
    }

    /** The database is shared by every test: PLANNER's permissions are put back whatever happens. */
    @Test
    void theRoleGridSavesOneRoleAndRefusesToLockAdministratorsOut() throws Exception {
        CurrentUser me = anAdmin();
        mvc.perform(get("/admin/roles").with(user(me)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("form=\"role-PLANNER\"")))
                .andExpect(content().string(containsString("id=\"perm-ADMIN-USER_ADMIN\"")));
        var before = directory.role("PLANNER").orElseThrow().permissions();
        try {
            mvc.perform(post("/admin/roles/PLANNER").with(user(me)).with(csrf())
                            .param("permissions", "REPORT_READ").param("permissions", "TICKET_READ"))
                    .andExpect(redirectedUrl("/admin/roles"));
            assertThat(directory.role("PLANNER").orElseThrow().permissions())
                    .containsExactlyInAnyOrder(Permission.REPORT_READ, Permission.TICKET_READ);
        } finally {
            admin.setPermissions("PLANNER", before.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(before), me);
        }
        mvc.perform(post("/admin/roles/ADMIN").with(user(me)).with(csrf()).param("permissions", "TICKET_READ"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("User administration cannot be taken from the role ADMIN")));
        assertThat(directory.role("ADMIN").orElseThrow().permissions()).contains(Permission.USER_ADMIN);
    }

    @Test
    void everyAdminPageRefusesAgentsLeadsAndCustomers() throws Exception {
        CurrentUser target = fixtures.user("AGENT");
        for (String role : List.of("AGENT", "LEAD", "CUSTOMER", "COMPLIANCE")) {
            CurrentUser who = fixtures.user(role);
            for (MockHttpServletRequestBuilder call : List.of(
                    get("/admin/users"), get("/admin/users/" + target.id()), get("/admin/teams"), get("/admin/roles"),
                    post("/admin/users").param("username", AdminApiTest.unique("x")).param("displayName", "x")
                            .param("role", "ADMIN").param("password", "long-enough-1"),
                    post("/admin/users/" + target.id()).param("displayName", "x").param("role", "ADMIN"),
                    post("/admin/users/" + target.id() + "/password").param("password", "take-over-1"),
                    post("/admin/users/" + target.id() + "/enabled").param("enabled", "false"),
                    post("/admin/teams").param("code", "x-team").param("name", "x"),
                    post("/admin/teams/1").param("name", "x"),
                    post("/admin/roles/" + role).param("permissions", "USER_ADMIN"))) {
                mvc.perform(call.with(user(who)).with(csrf())).andExpect(status().isForbidden());
            }
        }
        assertThat(directory.user(target.id()).orElseThrow().enabled()).isTrue();
        mvc.perform(get("/admin/users")).andExpect(status().is3xxRedirection());
    }

    /** An open browser does not outlive a disabled account or a role taken away. */
    @Test
    void aDisabledOrDemotedPersonLosesTheirOpenSessionAtOnce() throws Exception {
        CurrentUser me = anAdmin();
        CurrentUser other = fixtures.user("ADMIN", null);
        mvc.perform(get("/admin/users").with(user(other))).andExpect(status().isOk());
        admin.updateUser(other.id(), new org.kept.identity.internal.UserChange(other.displayName(), null, "AGENT", null, true), me);
        mvc.perform(get("/admin/users").with(user(other))).andExpect(status().isForbidden());
        admin.setEnabled(other.id(), false, me);
        mvc.perform(get("/admin/users").with(user(other))).andExpect(status().is3xxRedirection());
    }

    private CurrentUser anAdmin() {
        return fixtures.user("ADMIN", null);
    }
}
