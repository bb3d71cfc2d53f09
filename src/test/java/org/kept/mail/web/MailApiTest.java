package org.kept.mail.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kept.support.Fixtures;
import org.kept.support.KeptTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A ticket's mails through the API: whole for roles with PII_VIEW, addresses masked for the others. */
@KeptTest
class MailApiTest {

    @Autowired
    Fixtures fixtures;

    @Autowired
    org.springframework.core.env.Environment environment;

    @Autowired
    JdbcClient jdbc;

    /** Through Kept's own inbound SMTP listener (a free port in the tests, local.mail.listener.port); returns the ticket it went to. */
    private long receive(String mailbox, String raw) throws Exception {
        jdbc.sql("insert into mail_mailbox (address, auto_ack, created_at) values (?, false, ?)")
                .params(mailbox, java.sql.Timestamp.from(Instant.now())).update();
        java.util.Properties p = new java.util.Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", environment.getProperty("local.mail.listener.port"));
        jakarta.mail.Session session = jakarta.mail.Session.getInstance(p);
        jakarta.mail.internet.MimeMessage m = new jakarta.mail.internet.MimeMessage(session,
                new java.io.ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        jakarta.mail.Transport.send(m);
        return jdbc.sql("select ticket_id from mail_message where message_id = ?").param(m.getMessageID())
                .query(Long.class).single();
    }

    @Test
    void addressesInHeadersQuotesAndAttachmentNamesAreMaskedForAnOutsourcedAgent() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String from = "wang.fang" + tag + "@example.com";
        long ticket = receive("support-m" + tag + "@kept.test", "From: " + from + "\r\nTo: support-m" + tag
                + "@kept.test\r\nSubject: Bill\r\nMessage-ID: <" + tag + "@example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nCall me on 13912345678 please.\r\n\r\nOn Monday "
                + from + " wrote:\r\n> old\r\n");

        JsonNode full = fixtures.api(fixtures.user("COMPLAINTS")).get("/api/v1/tickets/" + ticket + "/mails").expect(200).json();
        assertThat(full.get(0).get("from").asString()).isEqualTo(from);

        JsonNode masked = fixtures.api(fixtures.user("OUTSOURCED")).get("/api/v1/tickets/" + ticket + "/mails").expect(200).json();
        String all = masked.toString();
        assertThat(all).doesNotContain(from).doesNotContain("13912345678").doesNotContain("wang.fang" + tag);
        assertThat(masked.get(0).get("html").isNull()).isTrue();
    }
}
