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
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.ticket.Channel;
import org.kept.ticket.NewTicket;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketType;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The console's knowledge pages, the ticket's knowledge panel and the portal's help pages. */
@KeptTest
class KnowledgePagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Articles articles;
    @Autowired
    Tickets tickets;

    private String page(CurrentUser who, String url) throws Exception {
        return mvc.perform(get(url).with(user(who)).locale(Locale.SIMPLIFIED_CHINESE)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private long article(CurrentUser author, String title, String body, Audience audience, LocalDate reviewBy) {
        return articles.create(new ArticleDraft(title, body, List.of("install"), List.of("安装"), audience, author.id(), reviewBy,
                ""), author, null).article().id();
    }

    @Test
    void anAgentSearchesReadsAStaleArticleAndSeesItsVersions() throws Exception {
        CurrentUser lead = fixtures.user("LEAD");
        String word = "Kw" + Words.unique();
        long id = article(lead, word + " 空调安装预约", "签收后 24 小时内师傅联系。\n\n<script>alert(1)</script>", Audience.INTERNAL,
                LocalDate.now().minusDays(1));
        CurrentUser agent = fixtures.user("AGENT");
        assertThat(page(agent, "/console/knowledge?q=" + word)).contains(word + " 空调安装预约").contains("待更新");
        assertThat(page(agent, "/console/knowledge/results?q=" + word + "%20师傅")).contains("<mark>师傅</mark>");
        String view = page(agent, "/console/knowledge/articles/" + id);
        assertThat(view).contains("这篇文章可能已过时").contains("&lt;script&gt;").doesNotContain("<script>alert");
        assertThat(view).doesNotContain("/edit\"");
        assertThat(page(agent, "/console/knowledge/articles/" + id + "/versions")).contains("修改人").doesNotContain("回滚到此版本");
        mvc.perform(get("/console/knowledge/articles/new").with(user(agent))).andExpect(status().isForbidden());
    }

    @Test
    void anAuthorEditsAndRollsBackThroughThePages() throws Exception {
        CurrentUser lead = fixtures.user("LEAD");
        long id = article(lead, "热水器安装条件", "燃气热水器不能装在浴室。", Audience.PUBLIC, null);
        assertThat(page(lead, "/console/knowledge/articles/" + id + "/edit")).contains("热水器安装条件");
        mvc.perform(post("/console/knowledge/articles").with(user(lead)).with(csrf()).param("id", String.valueOf(id))
                        .param("version", "1").param("title", "热水器安装条件").param("body", "燃气热水器必须有烟道。")
                        .param("audience", "PUBLIC").param("reason", "补充烟道"))
                .andExpect(status().is3xxRedirection());
        String versions = page(lead, "/console/knowledge/articles/" + id + "/versions");
        assertThat(versions).contains("补充烟道").contains("- 燃气热水器不能装在浴室。").contains("+ 燃气热水器必须有烟道。")
                .contains("回滚到此版本");
        mvc.perform(post("/console/knowledge/articles/" + id + "/rollback").with(user(lead)).with(csrf())
                .param("toVersion", "1").param("version", "2")).andExpect(status().is3xxRedirection());
        assertThat(articles.get(id, lead).body()).isEqualTo("燃气热水器不能装在浴室。");
    }

    @Test
    void theTicketPageSuggestsArticlesFromTheTicketAndFillsScripts() throws Exception {
        CurrentUser lead = fixtures.user("LEAD");
        String word = "Tk" + Words.unique();
        // a public article: an internal one is guidance beside the reply, with nothing to insert (AnswersTest)
        long id = article(lead, word + " 安装师傅爽约怎么办", "师傅未按约上门，联系网点改约。", Audience.PUBLIC, null);
        CurrentUser agent = fixtures.user("AGENT");
        var customer = fixtures.customer("赵敏");
        TicketView t = tickets.create(new NewTicket(TicketType.COMPLAINT, "delivery", Channel.PHONE, Priority.P2,
                word + " 师傅没上门", "约好今天上午安装，师傅没来", null, null, null, null, customer.id(), null, null), agent, null)
                .ticket();
        assertThat(page(agent, "/console/tickets/" + t.id())).contains("/console/tickets/" + t.id() + "/knowledge")
                .contains("kb-article-id");
        String panel = page(agent, "/console/tickets/" + t.id() + "/knowledge");
        assertThat(panel).contains(word + " 安装师傅爽约怎么办").contains("data-article-id=\"" + id + "\"")
                .contains("data-article-version=\"1\"");
        // a guidance box for each internal article suggested (other tests' may be), none for a public one
        assertThat(org.springframework.util.StringUtils.countOccurrencesOf(panel, "class=\"kb-guidance\""))
                .isEqualTo(org.springframework.util.StringUtils.countOccurrencesOf(panel, "<span class=\"badge\">内部</span>"));
        // phone scripts with the ticket's values; written-only scripts are left out for a phone ticket
        assertThat(panel).contains("赵敏").contains(t.number()).contains(agent.agentNo()).doesNotContain("开场问候（文字）");
        // a reply from the console cites the article version
        mvc.perform(post("/console/tickets/" + t.id() + "/reply").with(user(agent)).with(csrf()).param("body", "已联系网点改约。")
                .param("version", String.valueOf(t.version())).param("articleId", String.valueOf(id)).param("articleVersion", "1"))
                .andExpect(status().isOk());
        assertThat(fixtures.api(agent).get("/api/v1/knowledge/articles/" + id + "/citations").expect(200).body())
                .contains(t.number());
    }

    @Test
    void thePortalHelpShowsPublicArticlesOnly() throws Exception {
        CurrentUser lead = fixtures.user("LEAD");
        String word = "Hp" + Words.unique();
        long open = article(lead, word + " 退款多久到账", "原路退回。", Audience.PUBLIC, null);
        long secret = article(lead, word + " 内部退款口径", "可补偿 5 元。", Audience.INTERNAL, null);
        CurrentUser customer = fixtures.user("CUSTOMER");
        String help = page(customer, "/portal/help?q=" + word + "%20退款");
        assertThat(help).contains(word + " 退款多久到账").doesNotContain("内部退款口径");
        assertThat(page(customer, "/portal/help/" + open)).contains("原路退回");
        mvc.perform(get("/portal/help/" + secret).with(user(customer))).andExpect(status().isNotFound());
        mvc.perform(get("/console/knowledge/articles/" + secret).with(user(customer))).andExpect(status().isForbidden());
        mvc.perform(get("/console/knowledge/results?q=" + word).with(user(customer))).andExpect(status().isForbidden());
        // staff on the portal see what customers see
        assertThat(page(fixtures.user("AGENT"), "/portal/help?q=" + word + "%20退款")).doesNotContain("内部退款口径");
    }
}
