package org.kept.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kept.customer.Customer;
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
import org.springframework.test.web.servlet.MvcResult;

/** The console and portal pages over MockMvc: who may open what, CSRF, escaping, masking, stale edits. */
@KeptTest
class ConsolePagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Tickets tickets;
    @Autowired
    org.kept.customer.Customers customers;

    private TicketView ticket(Customer customer, String subject, CurrentUser by) {
        return tickets.create(new NewTicket(TicketType.COMPLAINT, "delivery", Channel.PHONE, Priority.P2, subject,
                "快递员态度恶劣，联系电话 13912345678", "昨天下午三点", "小区门口", "快递员", "13812345678", customer.id(),
                null, null), by, null).ticket();
    }

    private String page(CurrentUser who, String url) throws Exception {
        return mvc.perform(get(url).with(user(who)).locale(Locale.SIMPLIFIED_CHINESE)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void anAgentOpensEveryConsolePage() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        Customer customer = fixtures.customer("王芳");
        TicketView t = ticket(customer, "包裹被放在门口丢失了", agent);
        tickets.note(t.id(), "已联系站点核实", null, agent);

        assertThat(page(agent, "/console")).contains("我的工单").contains("本组工单");
        // the database is shared with every other test: page one of "all" may be full of more urgent tickets
        assertThat(page(agent, "/console?view=all&q=" + t.number())).contains(t.number()).contains("王芳");
        assertThat(page(agent, "/console?view=all&state=NEW&type=COMPLAINT&priority=P2&sort=-created&q=包裹"))
                .contains(t.number());
        assertThat(page(agent, "/console/tickets/" + t.id())).contains("包裹被放在门口丢失了").contains("已联系站点核实")
                .contains("回复客户").contains("内部备注");
        assertThat(page(agent, "/console/tickets/new")).contains("新建工单").contains("name=\"idempotencyKey\"");
        assertThat(page(agent, "/console/customers?q=王芳")).contains("王芳");
        assertThat(page(agent, "/console/customers/" + customer.id())).contains(t.number());
    }

    @Test
    void theQueueAnswersAnHtmxFilterWithAFragment() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        TicketView t = ticket(fixtures.customer("刘洋"), "宽带断网", agent);
        String body = mvc.perform(get("/console").param("view", "all").param("q", t.number()).header("HX-Request", "true")
                        .with(user(agent)))
                .andExpect(status().isOk()).andExpect(header().string("Vary", "HX-Request"))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain("<html").contains("id=\"queue-results\"").contains(t.number());
    }

    @Test
    void customersAndPlannersCannotOpenTheConsole() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        TicketView t = ticket(fixtures.customer("赵敏"), "账单疑问", agent);
        for (String role : List.of("CUSTOMER", "PLANNER")) {
            CurrentUser who = fixtures.user(role);
            for (String url : List.of("/console", "/console/tickets/" + t.id(), "/console/tickets/new", "/console/customers",
                    "/console/customers/" + t.customerId())) {
                mvc.perform(get(url).with(user(who))).andExpect(status().isForbidden());
            }
            mvc.perform(post("/console/tickets/" + t.id() + "/reply").param("body", "x").param("version", "0")
                    .with(user(who)).with(csrf())).andExpect(status().isForbidden());
        }
    }

    @Test
    void anAgentCannotOpenThePortal() throws Exception {
        mvc.perform(get("/portal").with(user(fixtures.user("AGENT")))).andExpect(status().isForbidden());
    }

    @Test
    void postsWithoutTheCsrfTokenAreRefused() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        TicketView t = ticket(fixtures.customer("孙丽"), "退款未到账", agent);
        mvc.perform(post("/console/tickets/" + t.id() + "/reply").param("body", "您好").param("version", "0").with(user(agent)))
                .andExpect(status().isForbidden());
        assertThat(tickets.timeline(t.id())).noneMatch(e -> "REPLY".equals(e.kind()));
        mvc.perform(post("/console/tickets/" + t.id() + "/reply").param("body", "您好").param("version", "0")
                .with(user(agent)).with(csrf())).andExpect(status().isOk());
        assertThat(tickets.timeline(t.id())).anyMatch(e -> "REPLY".equals(e.kind()));
    }

    @Test
    void aScriptInASubjectIsShownAsText() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        TicketView t = ticket(fixtures.customer("<b>胡军</b>"), "<script>alert('x')</script>", agent);
        tickets.reply(t.id(), "<img src=x onerror=alert(1)>", null, agent);
        for (String url : List.of("/console/tickets/" + t.id(), "/console?view=all&q=" + t.number(),
                "/console/customers/" + t.customerId())) {
            String html = page(agent, url);
            assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<b>胡军");
        }
        assertThat(page(agent, "/console/tickets/" + t.id())).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    }

    @Test
    void aStaleEditIsRefusedWithAReadableMessageAndTheFreshTimeline() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        TicketView t = ticket(fixtures.customer("郭静"), "发票开错了", agent);
        tickets.note(t.id(), "同事先写了这条备注", t.version(), fixtures.user("AGENT"));
        MvcResult result = mvc.perform(post("/console/tickets/" + t.id() + "/reply").param("body", "我的回复")
                        .param("version", String.valueOf(t.version())).with(user(agent)).with(csrf())
                        .locale(Locale.SIMPLIFIED_CHINESE).header("HX-Request", "true"))
                .andExpect(status().isConflict()).andExpect(header().string("Kept-Error", "true")).andReturn();
        String body = result.getResponse().getContentAsString();
        assertThat(body).contains("已被他人修改").contains(t.number()).contains("同事先写了这条备注")
                .contains("id=\"ticket-version\"");
        assertThat(tickets.timeline(t.id())).noneMatch(e -> "REPLY".equals(e.kind()));
    }

    @Test
    void actionsAnswerTheTimelineAndTheHeaderOutOfBand() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        TicketView t = ticket(fixtures.customer("林涛"), "安装延误", agent);
        String body = mvc.perform(post("/console/tickets/" + t.id() + "/state").param("to", "PENDING_INTERNAL")
                        .param("version", String.valueOf(t.version())).with(user(agent)).with(csrf())
                        .locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(body.strip()).startsWith("<section id=\"timeline\"").contains("hx-swap-oob=\"true\"").contains("待内部处理");
        TicketView now = tickets.get(t.id());
        mvc.perform(post("/console/tickets/" + t.id() + "/priority").param("priority", "P1")
                .param("version", String.valueOf(now.version())).with(user(agent)).with(csrf())).andExpect(status().isOk());
        now = tickets.get(t.id());
        mvc.perform(post("/console/tickets/" + t.id() + "/assign").param("assignee", String.valueOf(agent.id()))
                .param("version", String.valueOf(now.version())).with(user(agent)).with(csrf())).andExpect(status().isOk());
        assertThat(tickets.get(t.id())).satisfies(v -> {
            assertThat(v.priority()).isEqualTo(Priority.P1);
            assertThat(v.assigneeId()).isEqualTo(agent.id());
        });
    }

    @Test
    void anAgentCannotGiveATicketToAnotherTeamFromThePagesAndIsNotOfferedOne() throws Exception {
        CurrentUser agent = fixtures.user("AGENT", "hotline");
        long other = fixtures.team("major-complaints");
        TicketView t = ticket(fixtures.customer("钱进"), "转组", agent);
        Long before = tickets.get(t.id()).teamId(); // its category's team (delivery: after-sales)
        mvc.perform(post("/console/tickets/" + t.id() + "/assign").param("team", String.valueOf(other))
                .param("version", String.valueOf(t.version())).with(user(agent)).with(csrf()).locale(Locale.ENGLISH))
                .andExpect(status().isForbidden());
        assertThat(tickets.get(t.id()).teamId()).as("still where it was").isEqualTo(before);
        String otherTeam = "重大投诉组";
        assertThat(page(agent, "/console/tickets/" + t.id())).doesNotContain(otherTeam);
        assertThat(page(agent, "/console/tickets/new")).doesNotContain(otherTeam);
        CurrentUser lead = fixtures.user("LEAD", "hotline");
        assertThat(page(lead, "/console/tickets/new")).contains(otherTeam);
        mvc.perform(post("/console/tickets/" + t.id() + "/assign").param("team", String.valueOf(other))
                .param("version", String.valueOf(t.version())).with(user(lead)).with(csrf())).andExpect(status().isOk());
        assertThat(tickets.get(t.id()).teamId()).isEqualTo(other);
    }

    @Test
    void anOutsourcedAgentSeesPhonesMasked() throws Exception {
        CurrentUser outsourced = fixtures.user("OUTSOURCED");
        Customer customer = fixtures.customer("马超");
        TicketView t = ticket(customer, "投诉物流", outsourced);
        String full = customer.primaryPhone().substring(3);
        for (String url : List.of("/console/tickets/" + t.id(), "/console?view=all&q=" + t.number(),
                "/console/customers/" + customer.id(), "/console/customers?q=马超")) {
            assertThat(page(outsourced, url)).doesNotContain(full).doesNotContain("13812345678").doesNotContain("13912345678");
        }
        assertThat(page(outsourced, "/console/tickets/" + t.id())).contains("138****5678").contains("139****5678");
    }

    @Test
    void revealingAPhoneTakesAReason() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        Customer customer = fixtures.customer("何平");
        mvc.perform(post("/console/customers/" + customer.id() + "/reveal").param("field", "phone").param("reason", "x")
                .with(user(agent)).with(csrf())).andExpect(status().isUnprocessableContent());
        String value = mvc.perform(post("/console/customers/" + customer.id() + "/reveal").param("field", "phone")
                        .param("reason", "回电核实身份").with(user(agent)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(value).contains(customer.primaryPhone());
        mvc.perform(post("/console/customers/" + customer.id() + "/reveal").param("field", "phone").param("reason", "回电核实身份")
                .with(user(fixtures.user("OUTSOURCED"))).with(csrf())).andExpect(status().isForbidden());
    }

    @Test
    void recordingTheSameFormTwiceMakesOneTicket() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        String key = UUID.randomUUID().toString();
        String phone = "139" + String.format("%08d", Math.abs(key.hashCode()) % 100_000_000);
        String first = mvc.perform(post("/console/tickets/new").with(user(agent)).with(csrf()).param("idempotencyKey", key)
                        .param("newName", "新客户").param("newPhone", phone).param("type", "INQUIRY").param("subject", "怎么改绑手机号")
                        .param("channel", "PHONE").param("priority", "P3"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("/console/tickets/*"))
                .andReturn().getResponse().getRedirectedUrl();
        String second = mvc.perform(post("/console/tickets/new").with(user(agent)).with(csrf()).param("idempotencyKey", key)
                        .param("newName", "新客户").param("newPhone", phone).param("type", "INQUIRY").param("subject", "怎么改绑手机号")
                        .param("channel", "PHONE").param("priority", "P3"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aNewCustomerWithoutPhoneIsRecordedOnceAndNeverWithoutItsTicket() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        String key = UUID.randomUUID().toString();
        String name = "无电话客户" + key.substring(0, 6);
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/console/tickets/new").with(user(agent)).with(csrf()).param("idempotencyKey", key)
                            .param("newName", name).param("type", "INQUIRY").param("subject", "发票怎么开").param("channel", "PHONE"))
                    .andExpect(status().is3xxRedirection());
        }
        assertThat(customers.search(name, 10)).hasSize(1);
        String refused = "被拒客户" + key.substring(0, 6);
        mvc.perform(post("/console/tickets/new").with(user(agent)).with(csrf()).param("idempotencyKey", UUID.randomUUID().toString())
                        .param("newName", refused).param("type", "INQUIRY").param("subject", "x".repeat(300)).param("channel", "PHONE"))
                .andExpect(status().isUnprocessableContent());
        assertThat(customers.search(refused, 10)).isEmpty();
    }

    @Test
    void aRefusedNewTicketKeepsWhatWasTyped() throws Exception {
        String html = mvc.perform(post("/console/tickets/new").with(user(fixtures.user("AGENT"))).with(csrf())
                        .locale(Locale.SIMPLIFIED_CHINESE).param("idempotencyKey", "k-1").param("type", "COMPLAINT")
                        .param("subject", "没有选择客户的工单"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("请从搜索结果中选择客户").contains("没有选择客户的工单").contains("value=\"k-1\"");
    }

    @Test
    void thePortalShowsOnlyTheCustomersOwnTicketsAndNoNotes() throws Exception {
        CurrentUser me = fixtures.user("CUSTOMER");
        CurrentUser other = fixtures.user("CUSTOMER");
        CurrentUser agent = fixtures.user("AGENT");
        TicketView mine = tickets.create(new NewTicket(TicketType.INQUIRY, null, Channel.PORTAL, null, "我的快递到哪了", "", null,
                null, null, null, me.customerId(), null, null), me, null).ticket();
        TicketView theirs = tickets.create(new NewTicket(TicketType.INQUIRY, null, Channel.PORTAL, null, "别人的工单", "", null,
                null, null, null, other.customerId(), null, null), other, null).ticket();
        tickets.note(mine.id(), "内部：客户情绪激动，注意语气", null, agent);
        tickets.reply(mine.id(), "您好，快递明天送达。", null, agent);

        assertThat(page(me, "/portal")).contains("我的快递到哪了").doesNotContain("别人的工单");
        assertThat(page(me, "/portal/tickets/" + mine.id())).contains("您好，快递明天送达。").doesNotContain("内部：客户情绪激动");
        mvc.perform(get("/portal/tickets/" + theirs.id()).with(user(me))).andExpect(status().isNotFound());
        mvc.perform(post("/portal/tickets/" + theirs.id() + "/reply").param("body", "hi").with(user(me)).with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void aCustomerSubmitsAndRepliesOnThePortal() throws Exception {
        CurrentUser me = fixtures.user("CUSTOMER");
        String location = mvc.perform(post("/portal/tickets").with(user(me)).with(csrf()).param("idempotencyKey", "p-" + me.id())
                        .param("type", "SUGGESTION").param("subject", "希望增加夜间人工客服").param("description", "晚上十点后打不通"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        String fragment = mvc.perform(post("/portal/tickets/" + id + "/reply").param("body", "补充：周末也一样").with(user(me)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(fragment).contains("补充：周末也一样").doesNotContain("<html");
    }

    @Test
    void badInputIsAClientErrorNeverAServerFault() throws Exception {
        CurrentUser agent = fixtures.user("AGENT");
        TicketView t = ticket(fixtures.customer("罗霞"), "话费多扣", agent);
        mvc.perform(get("/console").param("state", "NOT_A_STATE").with(user(agent))).andExpect(status().isBadRequest());
        mvc.perform(get("/console/tickets/abc").with(user(agent))).andExpect(status().isBadRequest());
        mvc.perform(get("/console/tickets/987654321").with(user(agent))).andExpect(status().isNotFound());
        mvc.perform(get("/console").param("q", "长".repeat(201)).with(user(agent))).andExpect(status().isUnprocessableContent());
        mvc.perform(post("/console/tickets/" + t.id() + "/state").param("to", "NEW").param("version", String.valueOf(t.version()))
                .with(user(agent)).with(csrf())).andExpect(status().isUnprocessableContent());
        mvc.perform(post("/console/tickets/" + t.id() + "/reply").param("body", "x".repeat(10_001))
                .param("version", String.valueOf(t.version())).with(user(agent)).with(csrf()))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/console/tickets/" + t.id() + "/merge").param("target", "nope").param("version", String.valueOf(t.version()))
                .with(user(fixtures.user("LEAD"))).with(csrf())).andExpect(status().isUnprocessableContent());
    }
}
