package org.kept.identity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The admin API with real tokens: what an administrator can do, and what it leaves in the database and the audit log. */
@KeptTest
class AdminApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAdminCreatesAUserWhosePasswordIsStoredOnlyAsABcryptHash() throws Exception {
        String admin = adminToken();
        String username = unique("zhang.wei");
        String body = as(admin, post("/api/v1/admin/users"), userJson(username, "AGENT", hotline(), "long-enough-1"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/admin/users/")))
                .andExpect(jsonPath("$.username").value(username))
                .andExpect(jsonPath("$.displayName").value("张伟"))
                .andExpect(jsonPath("$.role").value("AGENT"))
                .andExpect(jsonPath("$.enabled").value(true))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContainIgnoringCase("password").doesNotContain("$2");
        String hash = jdbc.sql("select password_hash from app_user where username = ?").param(username).query(String.class).single();
        assertThat(hash).startsWith("$2").doesNotContain("long-enough-1");
        assertThat(audit("user.create", "user:" + username)).singleElement().asString().contains("role=AGENT", "team=hotline");
        // the new person can sign in with the password the admin set
        assertThat(token(username, "long-enough-1")).isEqualTo(200);
    }

    @Test
    void aTakenUsernameIsAConflictInTheCallersLanguage() throws Exception {
        String admin = adminToken();
        String username = unique("li.na");
        as(admin, post("/api/v1/admin/users"), userJson(username, "AGENT", hotline(), "long-enough-1")).andExpect(status().isCreated());
        as(admin, post("/api/v1/admin/users").header("Accept-Language", "zh-CN"),
                userJson(username.toUpperCase(), "AGENT", hotline(), "long-enough-1"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("用户名“" + username.toUpperCase() + "”已被使用。"));
    }

    @Test
    void invalidInputIsA422ProblemNamingEachField() throws Exception {
        String admin = adminToken();
        as(admin, post("/api/v1/admin/users"), "{\"username\":\"a b\",\"displayName\":\"\",\"role\":\"AGENT\",\"password\":\"short\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[?(@.field == 'username')].message")
                        .value("A username has 3 to 60 letters, digits, dots, underscores or hyphens."))
                .andExpect(jsonPath("$.errors[?(@.field == 'password')].message").value("A password needs 8 to 72 characters."))
                .andExpect(jsonPath("$.errors[?(@.field == 'displayName')]").exists());
        as(admin, post("/api/v1/admin/users"), userJson(unique("x"), "NO_SUCH_ROLE", null, "long-enough-1"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value("Unknown role or permission."));
        as(admin, post("/api/v1/admin/users"), userJson(unique("x"), "AGENT", 999_999L, "long-enough-1"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value("There is no team 999999."));
        as(admin, post("/api/v1/admin/teams"), "{\"code\":\"has space\",\"name\":\"x\"}").andExpect(status().isUnprocessableContent());
        as(admin, put("/api/v1/admin/roles/AGENT/permissions"), "{\"permissions\":[\"NOT_A_PERMISSION\"]}")
                .andExpect(status().isBadRequest());
        as(admin, get("/api/v1/admin/users/999999999"), null).andExpect(status().isNotFound());
    }

    @Test
    void theSameIdempotencyKeyAndBodyGiveTheSameUserNotASecondOne() throws Exception {
        String admin = adminToken();
        String username = unique("wang.fang");
        String key = UUID.randomUUID().toString();
        String json = userJson(username, "OUTSOURCED", hotline(), "long-enough-1");
        String first = as(admin, post("/api/v1/admin/users").header("Idempotency-Key", key), json)
                .andExpect(status().isCreated()).andExpect(header().string("Idempotent-Replayed", "false"))
                .andReturn().getResponse().getContentAsString();
        String again = as(admin, post("/api/v1/admin/users").header("Idempotency-Key", key), json)
                .andExpect(status().isOk()).andExpect(header().string("Idempotent-Replayed", "true"))
                .andReturn().getResponse().getContentAsString();
        assertThat((Integer) JsonPath.read(again, "$.id")).isEqualTo(JsonPath.read(first, "$.id"));
        assertThat(jdbc.sql("select count(*) from app_user where username = ?").param(username).query(Long.class).single()).isEqualTo(1);
        as(admin, post("/api/v1/admin/users").header("Idempotency-Key", key), userJson(unique("other"), "AGENT", hotline(), "long-enough-1"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value("The Idempotency-Key '" + key + "' was already used for a different request."));

        String teamKey = UUID.randomUUID().toString();
        String team = "{\"code\":\"" + unique("night") + "\",\"name\":\"夜间热线组\"}";
        String t1 = as(admin, post("/api/v1/admin/teams").header("Idempotency-Key", teamKey), team)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String t2 = as(admin, post("/api/v1/admin/teams").header("Idempotency-Key", teamKey), team)
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat((Integer) JsonPath.read(t2, "$.id")).isEqualTo(JsonPath.read(t1, "$.id"));
    }

    @Test
    void anEditIsAuditedFieldByFieldAndADisabledUserLosesTheirToken() throws Exception {
        String admin = adminToken();
        CurrentUser agent = fixtures.user("AGENT", "hotline");
        String agentToken = fixtures.token(agent);
        long online = teamId("online");
        as(admin, put("/api/v1/admin/users/" + agent.id()),
                "{\"displayName\":\"新名字\",\"agentNo\":\"B2048\",\"role\":\"LEAD\",\"teamId\":" + online + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.role").value("LEAD"))
                .andExpect(jsonPath("$.teamId").value(online))
                .andExpect(jsonPath("$.agentNo").value("B2048"))
                .andExpect(jsonPath("$.enabled").value(true));
        String subject = "user:" + agent.username();
        assertThat(audit("user.role", subject)).containsExactly("AGENT → LEAD");
        assertThat(audit("user.team", subject)).containsExactly("hotline → online");
        assertThat(audit("user.name", subject)).singleElement().asString().endsWith("→ 新名字");
        assertThat(audit("user.enabled", subject)).isEmpty();

        mvc.perform(get("/api/v1/tickets").header("Authorization", "Bearer " + agentToken)).andExpect(status().isOk());
        as(admin, put("/api/v1/admin/users/" + agent.id()),
                "{\"displayName\":\"新名字\",\"role\":\"LEAD\",\"teamId\":" + online + ",\"enabled\":false}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.enabled").value(false));
        assertThat(audit("user.enabled", subject)).containsExactly("true → false");
        mvc.perform(get("/api/v1/tickets").header("Authorization", "Bearer " + agentToken)).andExpect(status().isUnauthorized());
        assertThat(token(agent.username(), Fixtures.PASSWORD)).isEqualTo(401);
    }

    @Test
    void aPasswordResetTakesTheNewPasswordAndRevokesOldTokens() throws Exception {
        String admin = adminToken();
        CurrentUser agent = fixtures.user("AGENT");
        String old = fixtures.token(agent);
        as(admin, post("/api/v1/admin/users/" + agent.id() + "/password"), "{\"password\":\"short\"}")
                .andExpect(status().isUnprocessableContent());
        as(admin, post("/api/v1/admin/users/" + agent.id() + "/password"), "{\"password\":\"a-new-password\"}")
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/tickets").header("Authorization", "Bearer " + old)).andExpect(status().isUnauthorized());
        assertThat(token(agent.username(), "a-new-password")).isEqualTo(200);
        assertThat(audit("user.password", "user:" + agent.username())).singleElement().asString().startsWith("reset");
    }

    @Test
    void teamsAreListedCreatedAndRenamed() throws Exception {
        String admin = adminToken();
        String code = unique("vip");
        String created = as(admin, post("/api/v1/admin/teams"), "{\"code\":\"" + code + "\",\"name\":\"贵宾组\"}")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.members").value(0))
                .andReturn().getResponse().getContentAsString();
        int id = JsonPath.read(created, "$.id");
        as(admin, post("/api/v1/admin/teams"), "{\"code\":\"" + code.toUpperCase() + "\",\"name\":\"重复\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("The team code '" + code.toUpperCase() + "' is taken."));
        as(admin, put("/api/v1/admin/teams/" + id), "{\"name\":\"贵宾服务组\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.name").value("贵宾服务组"));
        as(admin, get("/api/v1/admin/teams"), null)
                .andExpect(jsonPath("$[?(@.code == '" + code + "')].name").value("贵宾服务组"));
        assertThat(audit("team.create", "team:" + code)).containsExactly("name=贵宾组");
        assertThat(audit("team.rename", "team:" + code)).containsExactly("贵宾组 → 贵宾服务组");
        as(admin, get("/api/v1/admin/users?team=" + id), null).andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void aCustomerLoginBelongsToOneExistingCustomerRecord() throws Exception {
        String admin = adminToken();
        long customer = fixtures.customer("赵敏").id();
        String username = unique("zhao.min");
        as(admin, post("/api/v1/admin/users"), userJson(username, "CUSTOMER", null, "long-enough-1"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value("A customer login needs an existing customer record and no team."));
        as(admin, post("/api/v1/admin/users"), customerJson(username, 999_999_999L)).andExpect(status().isUnprocessableContent());
        as(admin, post("/api/v1/admin/users"), customerJson(username, customer))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.customerId").value(customer));
        as(admin, post("/api/v1/admin/users"), customerJson(unique("zhao.min2"), customer))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("Customer " + customer + " already has a login."));
        // a staff login cannot point at a customer record
        as(admin, post("/api/v1/admin/users"), userJson(unique("s"), "AGENT", null, "long-enough-1")
                .replace("\"password\"", "\"customerId\":" + customer + ",\"password\"")).andExpect(status().isUnprocessableContent());
        // and the customer can use the portal with it
        mvc.perform(get("/api/v1/ticket-categories").header("Authorization", "Bearer " + tokenOf(username, "long-enough-1")))
                .andExpect(status().isOk());
    }

    @Test
    void anAdminCannotLockThemselvesOrEveryoneOut() throws Exception {
        CurrentUser me = fixtures.user("ADMIN", null);
        String admin = fixtures.token(me);
        as(admin, put("/api/v1/admin/roles/ADMIN/permissions"), "{\"permissions\":[\"AUDIT_READ\",\"TICKET_READ\"]}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("User administration cannot be taken")));
        as(admin, put("/api/v1/admin/users/" + me.id()), "{\"displayName\":\"我\",\"role\":\"ADMIN\",\"enabled\":false}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value("You cannot disable your own account."));
        as(admin, put("/api/v1/admin/users/" + me.id()), "{\"displayName\":\"我\",\"role\":\"AGENT\"}")
                .andExpect(status().isUnprocessableContent());
        as(admin, get("/api/v1/admin/roles"), null)
                .andExpect(jsonPath("$[?(@.code == 'ADMIN')].permissions[*]").value(org.hamcrest.Matchers.hasItem("USER_ADMIN")));
    }

    /** The database is shared by every test: the role's permissions are put back whatever happens. */
    @Test
    void aPermissionGivenToARoleReachesANewTokenAndIsAudited() throws Exception {
        String admin = adminToken();
        CurrentUser outsourced = fixtures.user("OUTSOURCED");
        mvc.perform(get("/api/v1/audit/entries").header("Authorization", "Bearer " + fixtures.token(outsourced)))
                .andExpect(status().isForbidden());
        String original = as(admin, get("/api/v1/admin/roles"), null).andReturn().getResponse().getContentAsString();
        List<String> before = JsonPath.read(original, "$[?(@.code == 'OUTSOURCED')].permissions[*]");
        try {
            List<String> with = new java.util.ArrayList<>(before);
            with.add("AUDIT_READ");
            as(admin, put("/api/v1/admin/roles/OUTSOURCED/permissions"), permissionsJson(with))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.permissions").value(org.hamcrest.Matchers.hasItem("AUDIT_READ")));
            mvc.perform(get("/api/v1/audit/entries").header("Authorization", "Bearer " + fixtures.token(outsourced)))
                    .andExpect(status().isOk());
            assertThat(audit("role.permissions", "role:OUTSOURCED")).last().asString()
                    .endsWith("→ " + with.stream().sorted().toList());
        } finally {
            as(admin, put("/api/v1/admin/roles/OUTSOURCED/permissions"), permissionsJson(before)).andExpect(status().isOk());
        }
        mvc.perform(get("/api/v1/audit/entries").header("Authorization", "Bearer " + fixtures.token(outsourced)))
                .andExpect(status().isForbidden());
    }

    @Test
    void agentsLeadsAndCustomersAreRefusedEveryAdminCall() throws Exception {
        CurrentUser target = fixtures.user("AGENT");
        for (String role : List.of("AGENT", "LEAD", "CUSTOMER", "OUTSOURCED", "COMPLIANCE")) {
            String token = fixtures.token(fixtures.user(role));
            String user = userJson(unique("nope"), "AGENT", null, "long-enough-1");
            for (MockHttpServletRequestBuilder call : List.of(
                    get("/api/v1/admin/users"), post("/api/v1/admin/users").content(user),
                    get("/api/v1/admin/users/" + target.id()),
                    put("/api/v1/admin/users/" + target.id()).content("{\"displayName\":\"x\",\"role\":\"ADMIN\"}"),
                    post("/api/v1/admin/users/" + target.id() + "/password").content("{\"password\":\"take-over-1\"}"),
                    get("/api/v1/admin/teams"), post("/api/v1/admin/teams").content("{\"code\":\"x-team\",\"name\":\"x\"}"),
                    put("/api/v1/admin/teams/1").content("{\"name\":\"x\"}"), get("/api/v1/admin/roles"),
                    put("/api/v1/admin/roles/" + role + "/permissions").content("{\"permissions\":[\"USER_ADMIN\"]}"))) {
                mvc.perform(call.header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON))
                        .andExpect(status().isForbidden())
                        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            }
        }
        mvc.perform(get("/api/v1/admin/users")).andExpect(status().isUnauthorized());
        assertThat(jdbc.sql("select role_code from app_user where id = ?").param(target.id()).query(String.class).single())
                .isEqualTo("AGENT");
    }

    private ResultActions as(String token, MockHttpServletRequestBuilder request, String json) throws Exception {
        request.header("Authorization", "Bearer " + token);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(json);
        }
        return mvc.perform(request);
    }

    private String adminToken() {
        return fixtures.token(fixtures.user("ADMIN", null));
    }

    private int token(String username, String password) throws Exception {
        return mvc.perform(post("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
                .andReturn().getResponse().getStatus();
    }

    private String tokenOf(String username, String password) throws Exception {
        String body = mvc.perform(post("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.token");
    }

    private List<String> audit(String action, String subject) {
        return jdbc.sql("select details from audit_entry where action = ? and subject = ? order by id")
                .params(action, subject).query(String.class).list();
    }

    private long hotline() {
        return teamId("hotline");
    }

    private long teamId(String code) {
        return jdbc.sql("select id from team where code = ?").param(code).query(Long.class).single();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String userJson(String username, String role, Long teamId, String password) {
        return "{\"username\":\"" + username + "\",\"displayName\":\"张伟\",\"agentNo\":\"A1024\",\"role\":\"" + role + "\","
                + "\"teamId\":" + teamId + ",\"password\":\"" + password + "\"}";
    }

    private static String customerJson(String username, long customerId) {
        return "{\"username\":\"" + username + "\",\"displayName\":\"赵敏\",\"role\":\"CUSTOMER\",\"customerId\":" + customerId
                + ",\"password\":\"long-enough-1\"}";
    }

    private static String permissionsJson(List<String> permissions) {
        return "{\"permissions\":[" + String.join(",", permissions.stream().map(p -> "\"" + p + "\"").toList()) + "]}";
    }
}
