package org.kept.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.kept.support.Api.body;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kept.customer.Customer;
import org.kept.identity.CurrentUser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The administrators' page of the disclosure checklist (list in order, add, edit the texts, deactivate, never delete;
 * only an administrator or the compliance lead; every change audited; a refused form keeps what was typed and says
 * why per field), and the review page's masked subject phone revealed with an audited reason.
 */
@KeptTest
class DisclosureAdminPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    long audited(String action, String subject) {
        return jdbc.sql("select count(*) from audit_entry where action = ? and subject = ?").params(action, subject)
                .query(Long.class).single();
    }

    @Test
    void onlyAnAdministratorOrTheComplianceLeadOpensOrChangesTheChecklistPage() throws Exception {
        for (String role : List.of("AGENT", "LEAD", "OUTSOURCED", "COMPLIANCE")) {
            CurrentUser someone = fixtures.user(role);
            mvc.perform(get("/admin/disclosure/checklist").with(user(someone))).andExpect(status().isForbidden());
            mvc.perform(post("/admin/disclosure/checklist").with(user(someone)).with(csrf()).param("requestType", "MATRIX")
                    .param("code", "ROW").param("labelZh", "矩阵").param("labelEn", "Matrix")).andExpect(status().isForbidden());
            mvc.perform(post("/admin/disclosure/checklist/CRIMINAL/NOTICE").with(user(someone)).with(csrf())
                    .param("labelZh", "改").param("labelEn", "Changed")).andExpect(status().isForbidden());
            mvc.perform(post("/admin/disclosure/checklist/CRIMINAL/NOTICE/active").with(user(someone)).with(csrf())
                    .param("active", "false")).andExpect(status().isForbidden());
        }
        assertThat(jdbc.sql("select label_en from disclosure_checklist_item where request_type = 'CRIMINAL' and code = 'NOTICE'")
                .query(String.class).single()).startsWith("Evidence notice");
        CurrentUser admin = fixtures.user("ADMIN", null);
        mvc.perform(post("/admin/disclosure/checklist/CRIMINAL/NOTICE/active").with(user(admin)).param("active", "false"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/disclosure/checklist").with(user(admin)).header("Accept-Language", "zh-CN"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("调证核查清单")))
                .andExpect(content().string(containsString("调取证据通知书")))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
        mvc.perform(get("/admin/users").with(user(admin)))
                .andExpect(content().string(containsString("href=\"/admin/disclosure/checklist\"")));
        mvc.perform(get("/admin/disclosure/checklist").with(user(fixtures.user("COMPLIANCE_LEAD", null))))
                .andExpect(status().isOk());
    }

    @Test
    void anAdministratorAddsEditsAndDeactivatesARowInOrderAndEveryChangeIsAudited() throws Exception {
        CurrentUser admin = fixtures.user("ADMIN", null);
        String type = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        mvc.perform(post("/admin/disclosure/checklist").with(user(admin)).with(csrf()).header("Accept-Language", "en")
                        .param("requestType", type.toLowerCase()).param("code", "SECOND").param("labelZh", "第二项")
                        .param("labelEn", "Second").param("position", "20"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("notice", "Row " + type + "/SECOND added."));
        mvc.perform(post("/admin/disclosure/checklist").with(user(admin)).with(csrf())
                        .param("requestType", type).param("code", "FIRST").param("labelZh", "第一项")
                        .param("labelEn", "First").param("position", "10").param("documentKind", "NOTICE").param("deferrable", "on"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select code from disclosure_checklist_item where request_type = ? order by position")
                .param(type).query(String.class).list()).containsExactly("FIRST", "SECOND");
        String page = mvc.perform(get("/admin/disclosure/checklist").with(user(admin)).header("Accept-Language", "en"))
                .andReturn().getResponse().getContentAsString();
        assertThat(page.indexOf("第一项")).isPositive().isLessThan(page.indexOf("第二项"));
        // the same type and code again is refused, not an overwrite
        mvc.perform(post("/admin/disclosure/checklist").with(user(admin)).with(csrf()).header("Accept-Language", "en")
                        .param("requestType", type).param("code", "FIRST").param("labelZh", "覆盖").param("labelEn", "Over"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().string(containsString("exists already")))
                .andExpect(content().string(containsString("value=\"覆盖\"")));
        mvc.perform(post("/admin/disclosure/checklist/" + type + "/FIRST").with(user(admin)).with(csrf())
                        .param("labelZh", "第一项（改）").param("labelEn", "First, changed").param("position", "30")
                        .param("documentKind", "NOTICE"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select code from disclosure_checklist_item where request_type = ? order by position")
                .param(type).query(String.class).list()).containsExactly("SECOND", "FIRST");
        assertThat(jdbc.sql("select label_zh from disclosure_checklist_item where request_type = ? and code = 'FIRST'")
                .param(type).query(String.class).single()).isEqualTo("第一项（改）");
        assertThat(jdbc.sql("select may_follow from disclosure_checklist_item where request_type = ? and code = 'FIRST'")
                .param(type).query(Boolean.class).single()).isFalse();
        mvc.perform(post("/admin/disclosure/checklist/" + type + "/SECOND/active").with(user(admin)).with(csrf())
                        .param("active", "false").header("Accept-Language", "zh-CN"))
                .andExpect(flash().attribute("notice", containsString("已停用条目")));
        // deactivated, never deleted
        assertThat(jdbc.sql("select active from disclosure_checklist_item where request_type = ? and code = 'SECOND'")
                .param(type).query(Boolean.class).single()).isFalse();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(audited("disclosure.checklist.add", "disclosure-checklist:" + type + "/FIRST")).isEqualTo(1);
            assertThat(audited("disclosure.checklist.add", "disclosure-checklist:" + type + "/SECOND")).isEqualTo(1);
            assertThat(audited("disclosure.checklist.edit", "disclosure-checklist:" + type + "/FIRST")).isEqualTo(1);
            assertThat(audited("disclosure.checklist.deactivate", "disclosure-checklist:" + type + "/SECOND")).isEqualTo(1);
        });
        mvc.perform(post("/admin/disclosure/checklist/" + type + "/SECOND/active").with(user(admin)).with(csrf())
                .param("active", "true")).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select active from disclosure_checklist_item where request_type = ? and code = 'SECOND'")
                .param(type).query(Boolean.class).single()).isTrue();
    }

    @Test
    void aRefusedRowSaysWhyPerFieldKeepsWhatWasTypedAndStoresNothing() throws Exception {
        CurrentUser admin = fixtures.user("ADMIN", null);
        long before = jdbc.sql("select count(*) from disclosure_checklist_item").query(Long.class).single();
        mvc.perform(post("/admin/disclosure/checklist").with(user(admin)).with(csrf()).header("Accept-Language", "en")
                        .param("requestType", "CRIMINAL").param("code", "坏 code").param("labelZh", "")
                        .param("labelEn", "Kept text").param("position", "x"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().string(containsString("Give the code in capital letters")))
                .andExpect(content().string(containsString("Give the text, up to 200 characters.")))
                .andExpect(content().string(containsString("Give the order as a whole number")))
                .andExpect(content().string(containsString("value=\"Kept text\"")))
                .andExpect(content().string(containsString("aria-invalid=\"true\"")));
        mvc.perform(post("/admin/disclosure/checklist/CRIMINAL/NOTICE").with(user(admin)).with(csrf())
                        .header("Accept-Language", "zh-CN").param("labelZh", "").param("labelEn", "x"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().string(containsString("请填写内容，最多 200 个字符。")));
        assertThat(jdbc.sql("select count(*) from disclosure_checklist_item").query(Long.class).single()).isEqualTo(before);
        assertThat(jdbc.sql("select label_zh from disclosure_checklist_item where request_type = 'CRIMINAL' and code = 'NOTICE'")
                .query(String.class).single()).startsWith("调取证据通知书");
    }

    @Test
    void theSubjectsPhoneIsMaskedOnTheReviewPageAndRevealedOnlyWithAnAuditedReason() throws Exception {
        CurrentUser lead = fixtures.user("COMPLIANCE_LEAD", null);
        CurrentUser officer = fixtures.user("COMPLIANCE", null);
        var issued = fixtures.api(lead).post("/api/v1/disclosure/agencies", body("name", "揭示测试派出所", "type",
                "PUBLIC_SECURITY", "publishedLandline", "010-65001234")).expect(201).json();
        String key = issued.path("link").asString().substring("/le/".length());
        Customer customer = fixtures.customer("调证揭示对象");
        var now = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8));
        long id = fixtures.api().post("/api/v1/le/" + key + "/requests", body("requestType", "CRIMINAL", "caseNo",
                "京公揭[2026]" + System.nanoTime() % 100000, "legalBasis", "刑事诉讼法第54条", "officerName", "张警官",
                "officerBadges", List.of("011234", "015678"), "officerContact", "13800138000",
                "subject", body("kind", "PHONE", "value", customer.primaryPhone()), "fields", List.of("NAME"),
                "from", now.minusDays(30).toString(), "to", now.minusHours(1).toString(), "deadline", now.plusDays(3).toString(),
                "emergency", false, "noNotify", true, "documents", List.of(DisclosureTest.doc("NOTICE"),
                        DisclosureTest.doc("CASE_PROOF"), DisclosureTest.doc("INTRO_LETTER")))).expect(201).id();
        String phone = customer.primaryPhone();
        mvc.perform(get("/console/disclosure/" + id).with(user(officer)).header("Accept-Language", "zh-CN"))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString(phone))))
                .andExpect(content().string(not(containsString("13800138000"))))
                .andExpect(content().string(containsString("/console/disclosure/" + id + "/reveal")))
                .andExpect(content().string(containsString("查看原因（将记入审计）")));
        // no reason, no number
        mvc.perform(post("/console/disclosure/" + id + "/reveal").with(user(officer)).with(csrf())
                        .param("field", "subject").param("reason", "").header("Accept-Language", "en"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().string(containsString("Give a reason")))
                .andExpect(content().string(not(containsString(phone))));
        mvc.perform(post("/console/disclosure/" + id + "/reveal").with(user(officer)).param("field", "subject")
                .param("reason", "核对调证对象")).andExpect(status().isForbidden());
        for (String role : List.of("AGENT", "LEAD", "OUTSOURCED")) {
            mvc.perform(post("/console/disclosure/" + id + "/reveal").with(user(fixtures.user(role))).with(csrf())
                    .param("field", "subject").param("reason", "核对调证对象")).andExpect(status().isForbidden());
        }
        mvc.perform(post("/console/disclosure/" + id + "/reveal").with(user(officer)).with(csrf())
                        .param("field", "subject").param("reason", "核对调证对象"))
                .andExpect(status().isOk()).andExpect(content().string(containsString(phone)));
        mvc.perform(post("/console/disclosure/" + id + "/reveal").with(user(officer)).with(csrf())
                        .param("field", "officerContact").param("reason", "回拨核实民警"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("13800138000")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(jdbc.sql("select details from audit_entry where action = 'pii.reveal' and subject = ? and actor = ? order by id")
                    .params("disclosure:" + id, officer.username()).query(String.class).list())
                    .containsExactly("subject: 核对调证对象", "officerContact: 回拨核实民警");
        });
    }
}
