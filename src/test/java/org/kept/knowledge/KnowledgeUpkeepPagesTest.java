package org.kept.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.knowledge.internal.ChangeRequestDesk;
import org.kept.knowledge.internal.SynonymDesk;
import org.kept.knowledge.internal.SynonymGroup;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The console pages for change requests, synonyms and scripts: editors write, every staff member reads, customers stay out. */
@KeptTest
class KnowledgeUpkeepPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Articles articles;
    @Autowired
    ChangeRequestDesk changes;
    @Autowired
    SynonymDesk synonyms;
    @Autowired
    Scripts scripts;

    private String page(CurrentUser who, String url) throws Exception {
        return mvc.perform(get(url).with(user(who)).locale(Locale.SIMPLIFIED_CHINESE)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private long article(CurrentUser author, String title) {
        return articles.create(new ArticleDraft(title, "正文。", List.of(), List.of(), Audience.INTERNAL, author.id(), null, ""),
                author, null).article().id();
    }

    @Test
    void aLeadOpensAChangeRequestMarksAnItemDoneAndClosesIt() throws Exception {
        CurrentUser lead = fixtures.user("LEAD");
        String product = "Pr" + Words.unique() + " <b>套餐</b>";
        String word = "Cr" + Words.unique();
        long id = article(lead, word + " 旧资费说明");
        assertThat(page(lead, "/console/knowledge")).contains("/console/knowledge/changes").contains("/console/knowledge/synonyms")
                .contains("/console/knowledge/scripts");
        mvc.perform(post("/console/knowledge/changes").with(user(lead)).with(csrf()).param("kind", "CHANGE")
                        .param("product", product).param("deadline", LocalDate.now().plusDays(3).toString())
                        .param("articleIds", String.valueOf(id)).param("newTitles", word + " 新资费介绍\n\n")
                        .param("ownerId", String.valueOf(lead.id())))
                .andExpect(status().is3xxRedirection());
        ChangeRequestDesk.Request r = changes.open().stream().filter(c -> c.product().equals(product)).findFirst().orElseThrow();
        assertThat(r.items()).extracting(ChangeRequestDesk.Item::title).containsExactly(word + " 旧资费说明", word + " 新资费介绍");
        CurrentUser agent = fixtures.user("AGENT");
        String view = page(agent, "/console/knowledge/changes");
        assertThat(view).contains("Pr").contains("&lt;b&gt;套餐&lt;/b&gt;").doesNotContain("<b>套餐</b>")
                .contains(word + " 新资费介绍").contains("待处理").doesNotContain("标记完成");
        long item = r.items().get(0).id();
        mvc.perform(post("/console/knowledge/changes/" + r.id() + "/items/" + item + "/done").with(user(agent)).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/knowledge/changes/" + r.id() + "/items/" + item + "/done").with(user(lead)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(changes.get(r.id()).items().get(0).done()).isTrue();
        // closing with a version read before is refused with the reason on the page
        String stale = mvc.perform(post("/console/knowledge/changes/" + r.id() + "/close").with(user(lead)).with(csrf())
                        .param("version", String.valueOf(r.version() + 5)).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(stale).contains("alert error");
        mvc.perform(post("/console/knowledge/changes/" + r.id() + "/close").with(user(agent)).with(csrf())
                .param("version", String.valueOf(r.version()))).andExpect(status().isForbidden());
        mvc.perform(post("/console/knowledge/changes/" + r.id() + "/close").with(user(lead)).with(csrf())
                .param("version", String.valueOf(r.version()))).andExpect(status().is3xxRedirection());
        assertThat(changes.get(r.id()).state()).isEqualTo("CLOSED");
    }

    @Test
    void anOverdueRequestIsMarkedAndBadInputShowsTheMessage() throws Exception {
        CurrentUser lead = fixtures.user("LEAD");
        String product = "Od" + Words.unique();
        changes.open("RETIRE", product, "", lead.id(), LocalDate.now().minusDays(2),
                List.of(new ChangeRequestDesk.Item(null, null, product + " 下线公告", null, false)), lead);
        String view = page(lead, "/console/knowledge/changes");
        assertThat(view.substring(view.indexOf(product))).contains("已逾期");
        String refused = mvc.perform(post("/console/knowledge/changes").with(user(lead)).with(csrf()).param("kind", "CHANGE")
                        .param("product", "套餐").param("deadline", LocalDate.now().plusDays(3).toString())
                        .locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("alert error").contains("业务变更");
        mvc.perform(post("/console/knowledge/changes").with(user(lead)).with(csrf()).param("kind", "CHANGE")
                .param("product", "套餐").param("deadline", "明天").param("newTitles", "x"))
                .andExpect(status().isUnprocessableContent());
    }

    @Test
    void aLeadKeepsSynonymGroupsAndAnAgentOnlyReadsThem() throws Exception {
        CurrentUser lead = fixtures.user("LEAD");
        String a = "Sy" + Words.unique();
        mvc.perform(post("/console/knowledge/synonyms").with(user(lead)).with(csrf()).param("terms", a + "丢了, 遗落，" + a + "丢失"))
                .andExpect(status().is3xxRedirection());
        SynonymGroup g = synonyms.all().stream().filter(x -> x.terms().contains(a + "丢了")).findFirst().orElseThrow();
        assertThat(g.terms()).containsExactly(a + "丢了", "遗落", a + "丢失");
        CurrentUser agent = fixtures.user("AGENT");
        assertThat(page(agent, "/console/knowledge/synonyms")).contains(a + "丢了 遗落 " + a + "丢失").doesNotContain("删除");
        mvc.perform(post("/console/knowledge/synonyms").with(user(agent)).with(csrf()).param("terms", "甲 乙"))
                .andExpect(status().isForbidden());
        String refused = mvc.perform(post("/console/knowledge/synonyms").with(user(lead)).with(csrf()).param("id", String.valueOf(g.id()))
                        .param("terms", "<i>孤词</i>").locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("alert error").contains("&lt;i&gt;孤词&lt;/i&gt;").doesNotContain("<i>孤词</i>");
        mvc.perform(post("/console/knowledge/synonyms").with(user(lead)).with(csrf()).param("id", String.valueOf(g.id()))
                .param("terms", a + "丢了 " + a + "落下")).andExpect(status().is3xxRedirection());
        assertThat(synonyms.all()).contains(new SynonymGroup(g.id(), List.of(a + "丢了", a + "落下")));
        mvc.perform(post("/console/knowledge/synonyms/" + g.id() + "/delete").with(user(agent)).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/knowledge/synonyms/" + g.id() + "/delete").with(user(lead)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(synonyms.all()).noneMatch(x -> x.id() == g.id());
        mvc.perform(post("/console/knowledge/synonyms/" + g.id() + "/delete").with(user(lead)).with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void aLeadWritesScriptsPerChannelWithTheVariablesExplained() throws Exception {
        CurrentUser lead = fixtures.user("LEAD");
        String code = "pg-" + Words.unique().toLowerCase();
        assertThat(page(lead, "/console/knowledge/scripts")).contains("{customerName}").contains("客户姓名").contains("电话");
        mvc.perform(post("/console/knowledge/scripts").with(user(lead)).with(csrf()).param("code", code).param("name", "回访 <em>")
                        .param("channel", "PHONE").param("body", "{customerName}您好，这里是回访。").param("sortOrder", "7"))
                .andExpect(status().is3xxRedirection());
        Script s = scripts.forChannel("PHONE").stream().filter(x -> x.code().equals(code)).findFirst().orElseThrow();
        CurrentUser agent = fixtures.user("AGENT");
        assertThat(page(agent, "/console/knowledge/scripts")).contains("回访 &lt;em&gt;").doesNotContain("?edit=");
        assertThat(page(lead, "/console/knowledge/scripts?edit=" + s.id())).contains("value=\"" + code + "\"");
        mvc.perform(post("/console/knowledge/scripts").with(user(agent)).with(csrf()).param("code", code).param("name", "x")
                .param("channel", "PHONE").param("body", "y")).andExpect(status().isForbidden());
        String refused = mvc.perform(post("/console/knowledge/scripts").with(user(lead)).with(csrf()).param("code", "Bad Code")
                        .param("name", "回访").param("channel", "PHONE").param("body", "您好").locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("alert error").contains("value=\"Bad Code\"");
        mvc.perform(post("/console/knowledge/scripts").with(user(lead)).with(csrf()).param("id", String.valueOf(s.id()))
                        .param("code", code).param("name", "回访").param("channel", "WRITTEN").param("body", "您好").param("sortOrder", "7"))
                .andExpect(status().is3xxRedirection());
        assertThat(scripts.get(s.id()).channel()).isEqualTo("WRITTEN");
    }

    @Test
    void aCustomerCannotReachThePagesAndFormsNeedTheCsrfToken() throws Exception {
        CurrentUser customer = fixtures.user("CUSTOMER");
        for (String url : List.of("/console/knowledge/changes", "/console/knowledge/synonyms", "/console/knowledge/scripts")) {
            mvc.perform(get(url).with(user(customer))).andExpect(status().isForbidden());
        }
        mvc.perform(post("/console/knowledge/synonyms").with(user(fixtures.user("LEAD"))).param("terms", "甲 乙"))
                .andExpect(status().isForbidden());
    }
}
