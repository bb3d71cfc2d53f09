package org.kept.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kept.customer.Customer;
import org.kept.identity.CurrentUser;
import org.kept.support.Browser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.ticket.Channel;
import org.kept.ticket.NewTicket;
import org.kept.ticket.Priority;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketType;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The console in a real browser (Debian's headless Chromium, zh-CN): an agent replies and the reply lands on the
 * timeline through htmx, without a page load. With {@code -Dkept.screenshot=docs/console.png} it also writes the
 * screenshot the README shows.
 */
@KeptTest
class ConsoleBrowserTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    Tickets tickets;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserDetailsService users;

    @RegisterExtension
    final Browser.Session session = new Browser.Session();

    @Test
    void anAgentRepliesAndTheReplyAppearsOnTheTimelineWithoutAReload() {
        Browser browser = session.get();
        CurrentUser agent = agentNamed("李娜", "C1002");
        TicketView ticket = complaintWithHistory(agent);

        browser.signIn(agent.username()).open("/console/tickets/" + ticket.id());
        WebDriver page = browser.driver();
        assertThat(browser.text(".ticket-header h1")).isEqualTo(ticket.subject());
        browser.markWindow();

        new Actions(page).sendKeys("r").perform();
        assertThat(page.switchTo().activeElement().getAttribute("id")).isEqualTo("reply");
        String reply = "王女士您好，已为您改约今天下午 3 点上门安装，师傅出发前会先电话联系您。";
        page.switchTo().activeElement().sendKeys(reply);
        browser.click("#reply-form button[type=submit]");

        browser.waitForText("#timeline", reply);
        assertThat(browser.notReloaded()).isTrue();
        assertThat(browser.find("#reply").getAttribute("value")).isEmpty();
        assertThat(browser.text("#ticket-header .state")).isEqualTo("处理中");
        assertThat(tickets.timeline(ticket.id())).anyMatch(e -> "REPLY".equals(e.kind()) && reply.equals(e.body()));

        String target = System.getProperty("kept.screenshot");
        if (target != null && !target.isBlank()) {
            browser.js("window.scrollTo(0, 0);");
            browser.screenshot(Path.of(target));
        }
    }

    @Test
    void theConsoleLogCatchesScriptErrorsAndPolicyViolations() {
        Browser browser = session.get();
        CurrentUser agent = fixtures.user("AGENT");
        browser.signIn(agent.username()).open("/console");
        browser.js("setTimeout(function () { throw new Error('kept-boom'); });"
                + "var b = document.createElement('button'); b.setAttribute('onclick', 'window.x = 1'); document.body.append(b); b.click();");
        browser.waitUntil(d -> !browser.consoleErrors().isEmpty() && browser.consoleErrors().size() >= 2);
        // so the assertion after each browser test is not vacuous: a thrown error and an inline handler both show
        assertThat(String.join("\n", browser.takeScriptErrors())).contains("kept-boom").contains("Content Security Policy");
    }

    @Test
    void thePortalNeverShowsAnInternalNote() {
        Browser browser = session.get();
        CurrentUser customer = fixtures.user("CUSTOMER");
        CurrentUser agent = fixtures.user("AGENT");
        TicketView ticket = tickets.create(new NewTicket(TicketType.INQUIRY, "refund", Channel.PORTAL, null,
                "退货寄回一周了，退款什么时候到账", "快递单号 SF1234567890", null, null, null, null, customer.customerId(), null, null),
                customer, null).ticket();
        tickets.note(ticket.id(), "内部备注：财务系统批量退款延迟，勿向客户承诺具体日期", null, agent);
        tickets.reply(ticket.id(), "您好，退款已提交财务，预计 3 个工作日内原路退回。", null, agent);

        browser.signIn(customer.username()).open("/portal/tickets/" + ticket.id());
        String page = browser.driver().getPageSource();
        assertThat(browser.text("#conversation")).contains("预计 3 个工作日内原路退回");
        assertThat(page).doesNotContain("财务系统批量退款延迟").doesNotContain("内部备注");
    }

    /** An agent with a person's name and agent number, as the screenshot should show. */
    private CurrentUser agentNamed(String name, String agentNo) {
        CurrentUser agent = fixtures.user("AGENT");
        jdbc.sql("update app_user set display_name = ?, agent_no = ? where id = ?").params(name, agentNo, agent.id()).update();
        // the timeline records the actor's name as it is when they act, so act as the renamed person
        return ((CurrentUser) users.loadUserByUsername(agent.username())).withoutPassword();
    }

    /** Moves a seeded ticket and its timeline entries (in order) into the past, so ages and times read like a real case. */
    private void backdate(long ticketId, Duration... ages) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("update ticket set created_at = ?, updated_at = ? where id = ?")
                .params(now.minus(ages[0]), now.minus(ages[ages.length - 1]), ticketId).update();
        List<Long> entries = jdbc.sql("select id from ticket_entry where ticket_id = ? order by id").param(ticketId)
                .query(Long.class).list();
        for (int i = 0; i < entries.size(); i++) {
            jdbc.sql("update ticket_entry set at = ? where id = ?")
                    .params(now.minus(ages[Math.min(i, ages.length - 1)]), entries.get(i)).update();
        }
    }

    /** A complaint as a centre records it, with a customer who has called before and a colleague's note. */
    private TicketView complaintWithHistory(CurrentUser agent) {
        CurrentUser lead = agentNamed("王组长", "L1001");
        Customer customer = fixtures.customer("王秀英");
        TicketView earlier = tickets.create(new NewTicket(TicketType.INQUIRY, "delivery", Channel.PHONE, Priority.P3,
                "空调什么时候送货", "订单 20261105118，询问送货时间", null, null, null, null, customer.id(), null, null),
                agent, null).ticket();
        tickets.reply(earlier.id(), "您好，空调预计 11 月 18 日送达，送达后 48 小时内安排安装。", null, agent);
        TicketView resolved = tickets.get(earlier.id());
        tickets.transition(earlier.id(), TicketState.RESOLVED, resolved.version(), agent);
        backdate(earlier.id(), Duration.ofDays(9), Duration.ofDays(9).minusMinutes(40), Duration.ofDays(9).minusMinutes(40),
                Duration.ofDays(8));
        TicketView suggestion = tickets.create(new NewTicket(TicketType.SUGGESTION, "service", Channel.WECHAT, Priority.P4,
                "建议安装前短信通知具体时间段", "", null, null, null, null, customer.id(), null, null), agent, null).ticket();
        backdate(suggestion.id(), Duration.ofDays(4).plusHours(3));

        Long hotline = jdbc.sql("select id from team where code = 'hotline'").query(Long.class).single();
        TicketView complaint = tickets.create(new NewTicket(TicketType.COMPLAINT, "delivery", Channel.PHONE, Priority.P2,
                "空调安装师傅两次爽约，要求今天给个准话",
                "客户 11 月 18 日收到空调，约好 20 日、21 日两次上门安装，师傅都没有来，也没有提前通知。"
                        + "客户家中有老人，天气转冷急需使用，情绪比较激动，要求今天明确安装时间并给予补偿。",
                "11 月 20 日、21 日上午", "上海市浦东新区锦绣路 1888 弄", "安装师傅（工号 AZ-0457）",
                "13917005566", customer.id(), hotline, agent.id()), agent, null).ticket();
        tickets.note(complaint.id(), "已联系安装站点：师傅因前一单延误未能按时到达，站点承认未通知客户。今天下午可安排。",
                null, lead);
        tickets.reply(complaint.id(), "王女士您好，非常抱歉两次安装都没有按约定上门。我们已在核实原因，今天 12 点前给您回电确认安装时间。",
                null, agent);
        tickets.note(complaint.id(), "客户要求补偿，超出我的授权（5 元），已申请组长审批 50 元话费补偿。", null, agent);
        // entries: created, the lead's note, the first reply and the state change it made, the agent's note
        backdate(complaint.id(), Duration.ofHours(26).plusMinutes(12), Duration.ofHours(25), Duration.ofHours(24).plusMinutes(5),
                Duration.ofHours(24).plusMinutes(5), Duration.ofHours(3).plusMinutes(20));
        return tickets.get(complaint.id());
    }
}
