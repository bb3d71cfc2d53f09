package org.kept.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.inbox.InboxThread;
import org.kept.inbox.internal.InboxDesk;
import org.kept.routing.PresenceState;
import org.kept.routing.internal.PresenceDesk;
import org.kept.routing.internal.Router;
import org.kept.routing.internal.RoutingQueue;
import org.kept.routing.internal.RuleDesk;
import org.kept.routing.internal.WorkDesk;
import org.kept.routing.internal.WorkItem;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.ticket.Channel;
import org.kept.ticket.Tickets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Mail through routing without a mail server (MailTest owns GreenMail's ports): a mail stored by the ingest API that
 * starts a conversation is submitted to its mailbox's queue, offered to the agent with the skill, and the accepted
 * offer makes the ticket theirs; the thread is in their inbox, unread until opened, and for an outsourced agent no
 * header, quoted history or attachment name shows a full address or number; their answer goes by mail and frees the
 * slot; a reply on a ticket its agent holds is not routed again.
 */
@KeptTest
class MailRoutingTest {

    @Autowired
    MailIngest ingest;
    @Autowired
    MailStore store;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Router router;
    @Autowired
    WorkDesk work;
    @Autowired
    RuleDesk rules;
    @Autowired
    PresenceDesk presence;
    @Autowired
    InboxDesk inbox;
    @Autowired
    Tickets tickets;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aNewMailIsOfferedToTheSkilledAgentAndReadsMaskedInTheOutsourcedAgentsInbox() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String skill = "mail-" + tag;
        RoutingQueue queue = rules.save(new RoutingQueue(0, "q-" + skill, "邮件 " + skill, Channel.EMAIL, 0,
                RoutingQueue.Strategy.LONGEST_IDLE, null, null, null, RoutingQueue.ClosedAction.ANSWER, null, null, 60, 0,
                List.of(new RoutingQueue.Skill(skill, 1))));
        long boxId = store.addMailbox(new Mailbox(0, "route-" + tag + "@kept.test", null, null, null, null, null, null, null,
                false, false, true), Instant.now());
        store.routeTo(boxId, queue.code());
        Mailbox box = store.mailbox(boxId).orElseThrow();
        CurrentUser unskilled = fixtures.user("OUTSOURCED");
        rules.replaceSkills(unskilled.id(), Map.of(skill + "-x", 5));
        presence.choose(unskilled.id(), PresenceState.AVAILABLE, null, unskilled.id());
        CurrentUser agent = fixtures.user("OUTSOURCED");
        rules.replaceSkills(agent.id(), Map.of(skill, 1));
        presence.choose(agent.id(), PresenceState.AVAILABLE, null, agent.id());

        String from = "han.meimei-" + tag + "@example.com";
        String raw = "From: Han Meimei <" + from + ">\r\nTo: " + box.address() + "\r\n"
                + "Subject: =?UTF-8?B?" + b64("退款 13912345678 " + from) + "?=\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@mail.example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"M\"\r\n\r\n"
                + "--M\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(("请退款，电话 13912345678。\n\n在 2026年12月1日，" + from
                        + " 写道：\n> 我的手机 13912345678").getBytes(StandardCharsets.UTF_8)) + "\r\n"
                + "--M\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Disposition: attachment; filename=\"13912345678-"
                + from + ".txt\"\r\n\r\n订单号 A-1\r\n--M--\r\n";
        long ticket = ingest.ingest(raw.getBytes(StandardCharsets.UTF_8), box).ticketId();

        WorkItem item = item(ticket);
        assertThat(item.state()).as("submitted to the mailbox's queue").isEqualTo("WAITING");
        assertThat(item.queueId()).isEqualTo(queue.id());
        router.runOnce();
        item = item(ticket);
        assertThat(item.state()).isEqualTo("OFFERED");
        assertThat(item.agentId()).isEqualTo(agent.id());
        work.accept(item.id(), agent.id());
        assertThat(tickets.get(ticket).assigneeId()).as("the accepted offer makes the ticket theirs").isEqualTo(agent.id());

        InboxDesk.Entry entry = inbox.of(agent).stream().filter(e -> e.line().ticketId() == ticket).findFirst().orElseThrow();
        assertThat(entry.line().channel()).isEqualTo(Channel.EMAIL);
        assertThat(entry.unread()).isEqualTo(1);
        assertThat(entry.line().who()).doesNotContain(from).contains("***");
        assertThat(entry.line().title()).doesNotContain("13912345678").doesNotContain(from);

        InboxThread thread = inbox.open(Channel.EMAIL, "ticket:" + ticket, agent);
        assertThat(inbox.of(agent).stream().filter(e -> e.line().ticketId() == ticket).findFirst().orElseThrow().unread())
                .as("read once opened").isZero();
        InboxThread.Message mail = thread.messages().get(0);
        assertThat(mail.fromCustomer()).isTrue();
        assertThat(mail.author()).doesNotContain(from);
        assertThat(mail.subject()).doesNotContain("13912345678").doesNotContain(from);
        assertThat(mail.text()).doesNotContain("13912345678");
        assertThat(mail.quoted()).isNotBlank().doesNotContain("13912345678").doesNotContain(from);
        assertThat(mail.files()).hasSize(1);
        assertThat(mail.files().get(0)).doesNotContain("13912345678").doesNotContain(from);
        assertThat(thread.lastContactId()).isNotNull();

        // the answer goes out by mail (queued in the outbox) and the email work is done
        inbox.reply(Channel.EMAIL, "ticket:" + ticket, "已为您办理退款，三个工作日内到账。", agent);
        assertThat(store.ofTicket(ticket)).anyMatch(m -> "OUTBOUND".equals(m.direction()));
        assertThat(item(ticket).state()).isEqualTo("DONE");

        // the customer's next mail joins the ticket its agent holds: no new routing
        String again = "From: " + from + "\r\nTo: " + box.address() + "\r\nSubject: Re: [#" + tickets.get(ticket).number()
                + "] 退款\r\nMessage-ID: <" + UUID.randomUUID() + "@mail.example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nthanks\r\n";
        assertThat(ingest.ingest(again.getBytes(StandardCharsets.UTF_8), box).ticketId()).isEqualTo(ticket);
        assertThat(item(ticket).state()).isEqualTo("DONE");
        assertThat(inbox.of(agent).stream().filter(e -> e.line().ticketId() == ticket).findFirst().orElseThrow().unread())
                .isEqualTo(1);
    }

    WorkItem item(long ticket) {
        long id = jdbc.sql("select id from routing_item where channel = 'EMAIL' and reference = ?").param("ticket:" + ticket)
                .query(Long.class).single();
        return work.item(id).orElseThrow();
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
