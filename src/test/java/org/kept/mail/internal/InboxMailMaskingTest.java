package org.kept.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kept.identity.CurrentUser;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.kept.ticket.Tickets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Issue 16's masking rule on every inbox route, for a mail thread read by an outsourced agent: the customer's display
 * name is their number and address (so the customer record's name is too), the subject, the text, the quoted history
 * and an attachment's name carry them, the agent answers (the outbound mail's header names the address): neither the
 * JSON list, the page, the list and conversation fragments, the knowledge search nor the answer's response shows the
 * full number or address.
 */
@KeptTest
class InboxMailMaskingTest {

    @Autowired
    MailIngest ingest;
    @Autowired
    MailStore store;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Tickets tickets;
    @Autowired
    MockMvc mvc;

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noInboxRouteShowsTheOutsourcedAgentAFullAddressOrNumberOfAMailThread() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long boxId = store.addMailbox(new Mailbox(0, "mask-" + tag + "@kept.test", null, null, null, null, null, null, null,
                false, false, true), Instant.now());
        store.routeTo(boxId, null);
        Mailbox box = store.mailbox(boxId).orElseThrow();
        String phone = "139" + String.format("%08d", Math.floorMod(System.nanoTime(), 100_000_000L));
        String from = "li.lei-" + tag + "@example.com";
        String raw = "From: =?UTF-8?B?" + b64(phone + " " + from) + "?= <" + from + ">\r\nTo: " + box.address() + "\r\n"
                + "Subject: =?UTF-8?B?" + b64("退款 " + phone + " " + from) + "?=\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@mail.example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"M\"\r\n\r\n"
                + "--M\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(("请退款，电话 " + phone + "。\n\n在 2026年12月1日，" + from
                        + " 写道：\n> 我的手机 " + phone).getBytes(StandardCharsets.UTF_8)) + "\r\n"
                + "--M\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Disposition: attachment; filename=\"" + phone
                + "-" + from + ".txt\"\r\n\r\n订单号 A-1\r\n--M--\r\n";
        long ticket = ingest.ingest(raw.getBytes(StandardCharsets.UTF_8), box).ticketId();
        CurrentUser agent = fixtures.user("OUTSOURCED");
        var t = tickets.get(ticket);
        tickets.assign(ticket, t.teamId(), agent.id(), t.version(), fixtures.user("LEAD"));
        String open = "EMAIL:ticket:" + ticket;

        List<String> seen = new ArrayList<>();
        seen.add(fixtures.api(agent).get("/api/v1/inbox").expect(200).body());
        seen.add(get(MockMvcRequestBuilders.get("/console/inbox"), agent));
        seen.add(get(MockMvcRequestBuilders.get("/console/inbox").param("open", open), agent));
        seen.add(get(MockMvcRequestBuilders.get("/console/inbox/list").param("open", open), agent));
        seen.add(get(MockMvcRequestBuilders.get("/console/inbox/conversation").param("open", open), agent));
        seen.add(get(MockMvcRequestBuilders.get("/console/inbox/answers").param("q", "退款 " + phone + " " + from), agent));
        seen.add(get(MockMvcRequestBuilders.post("/console/inbox/reply").param("open", open).param("text", "已为您办理")
                .param("idempotencyKey", UUID.randomUUID().toString()).with(csrf()).header("HX-Request", "true"), agent));
        assertThat(store.ofTicket(ticket)).anyMatch(m -> "OUTBOUND".equals(m.direction()));
        // after the answer: the outbound mail's header names the customer's address
        seen.add(get(MockMvcRequestBuilders.get("/console/inbox/conversation").param("open", open), agent));

        for (String page : seen) {
            assertThat(page).doesNotContain(phone).doesNotContain(from).doesNotContain("li.lei-" + tag);
        }
        assertThat(seen.get(2)).contains("inbox-quoted", "inbox-file", "***");
        assertThat(seen.get(7)).contains("已为您办理");
    }

    String get(MockHttpServletRequestBuilder request, CurrentUser as) throws Exception {
        return mvc.perform(request.with(user(as))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }
}
