package org.kept.mail.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.kept.shared.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The mail module's tables. */
@Repository
class MailStore {

    private static final String MAILBOX = "id, address, category, team_id, imap_host, imap_port, imap_user, imap_password, "
            + "imap_folder, imap_ssl, auto_ack, enabled";

    private final JdbcClient jdbc;

    MailStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- mailboxes

    long addMailbox(Mailbox m, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into mail_mailbox (address, category, team_id, imap_host, imap_port, imap_user, imap_password, "
                        + "imap_folder, imap_ssl, auto_ack, enabled, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(m.address(), m.category(), m.teamId(), m.imapHost(), m.imapPort(), m.imapUser(), m.imapPassword(),
                        m.imapFolder() == null ? "INBOX" : m.imapFolder(), m.imapSsl(), m.autoAck(), m.enabled(),
                        SqlTime.utc(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    List<Mailbox> mailboxes() {
        return jdbc.sql("select " + MAILBOX + " from mail_mailbox order by address").query(this::mailboxRow).list();
    }

    Optional<Mailbox> mailbox(long id) {
        return jdbc.sql("select " + MAILBOX + " from mail_mailbox where id = ?").param(id).query(this::mailboxRow).optional();
    }

    Optional<Mailbox> mailboxAt(String address) {
        return jdbc.sql("select " + MAILBOX + " from mail_mailbox where address = ? and enabled = true").param(address)
                .query(this::mailboxRow).optional();
    }

    private Mailbox mailboxRow(ResultSet rs, int n) throws SQLException {
        return new Mailbox(rs.getLong("id"), rs.getString("address"), rs.getString("category"),
                rs.getObject("team_id", Long.class), rs.getString("imap_host"), rs.getObject("imap_port", Integer.class),
                rs.getString("imap_user"), rs.getString("imap_password"), rs.getString("imap_folder"),
                rs.getBoolean("imap_ssl"), rs.getBoolean("auto_ack"), rs.getBoolean("enabled"));
    }

    // --- messages: the Message-ID index

    boolean known(String messageId) {
        return jdbc.sql("select count(*) from mail_message where message_id = ?").param(messageId).query(Long.class).single() > 0;
    }

    /** The ticket of the newest of these Message-IDs that we know and that is on a ticket. */
    Optional<Long> ticketOf(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Optional.empty();
        }
        String in = String.join(",", java.util.Collections.nCopies(messageIds.size(), "?"));
        return jdbc.sql("select ticket_id from mail_message where message_id in (" + in + ") and ticket_id is not null "
                        + "order by id desc")
                .params(List.copyOf(messageIds)).withMaxRows(1).query(Long.class).optional();
    }

    Optional<StoredMail> byMessageId(String messageId) {
        return jdbc.sql("select " + StoredMail.COLUMNS + " from mail_message where message_id = ?").param(messageId)
                .query(StoredMail::row).optional();
    }

    long insertMessage(StoredMail m, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into mail_message (message_id, direction, kind, mailbox_id, ticket_id, contact_id, outbox_id, "
                        + "from_address, to_address, subject, body_text, quoted_text, body_html, references_ids, created_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(m.messageId(), m.direction(), m.kind(), m.mailboxId(), m.ticketId(), m.contactId(), m.outboxId(),
                        m.from(), m.to(), cut(m.subject(), 500), m.text(), m.quoted(), m.html(), m.references(),
                        SqlTime.utc(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    Optional<StoredMail> byOutbox(long outboxId) {
        return jdbc.sql("select " + StoredMail.COLUMNS + " from mail_message where outbox_id = ?").param(outboxId)
                .query(StoredMail::row).optional();
    }

    /** The newest mail the customer wrote on this ticket: where a reply goes and what it answers. */
    Optional<StoredMail> lastInbound(long ticketId) {
        return jdbc.sql("select " + StoredMail.COLUMNS + " from mail_message where ticket_id = ? and direction = 'INBOUND' "
                        + "and kind = 'MAIL' order by id desc")
                .param(ticketId).withMaxRows(1).query(StoredMail::row).optional();
    }

    /** The routing queue (a queue's code) the mailbox's new conversations go to; null: they are not routed. */
    Optional<String> routingQueue(long mailboxId) {
        return jdbc.sql("select routing_queue from mail_mailbox where id = ?").param(mailboxId).query(String.class)
                .list().stream().filter(java.util.Objects::nonNull).findFirst();
    }

    void routeTo(long mailboxId, String queue) {
        jdbc.sql("update mail_mailbox set routing_queue = ? where id = ?").params(queue, mailboxId).update();
    }

    /** Of these tickets, those with mail: the times the customer's latest mails came in (at most a hundred each). */
    java.util.Map<Long, List<Instant>> inboundTimes(Collection<Long> ticketIds) {
        java.util.Map<Long, List<Instant>> out = new java.util.LinkedHashMap<>();
        for (long id : ticketIds) {
            List<Instant> times = jdbc.sql("select created_at from mail_message where ticket_id = ? and direction = 'INBOUND' "
                            + "and kind in ('MAIL', 'AUTO') order by id desc")
                    .param(id).withMaxRows(100).query((rs, n) -> SqlTime.instant(rs, 1)).list();
            boolean any = !times.isEmpty() || jdbc.sql("select count(*) from mail_message where ticket_id = ?").param(id)
                    .query(Integer.class).single() > 0;
            if (any) {
                out.put(id, times);
            }
        }
        return out;
    }

    List<StoredMail> ofTicket(long ticketId) {
        return jdbc.sql("select " + StoredMail.COLUMNS + " from mail_message where ticket_id = ? order by id")
                .param(ticketId).query(StoredMail::row).list();
    }

    void attach(long mailId, ParsedMail.Attachment a) {
        jdbc.sql("insert into mail_attachment (mail_id, file_name, content_type, size_bytes, inline_cid, data) values (?, ?, ?, ?, ?, ?)")
                .params(mailId, cut(a.fileName(), 255), a.contentType(), a.data().length, a.contentId(), a.data()).update();
    }

    List<AttachmentInfo> attachments(long mailId) {
        return jdbc.sql("select id, file_name, content_type, size_bytes from mail_attachment where mail_id = ? order by id")
                .param(mailId).query((rs, n) -> new AttachmentInfo(rs.getLong("id"), rs.getString("file_name"),
                        rs.getString("content_type"), rs.getInt("size_bytes"))).list();
    }

    record AttachmentInfo(long id, String fileName, String contentType, int size) {
    }

    // --- bounces and the loop cap

    void markUndeliverable(String address, String status, String bouncedMessageId, Instant now) {
        if (jdbc.sql("update mail_undeliverable set status = ?, bounced_message_id = ?, marked_at = ? where address = ?")
                .params(status, bouncedMessageId, SqlTime.utc(now), address).update() == 0) {
            jdbc.sql("insert into mail_undeliverable (address, status, bounced_message_id, marked_at) values (?, ?, ?, ?)")
                    .params(address, status, bouncedMessageId, SqlTime.utc(now)).update();
        }
    }

    boolean undeliverable(String address) {
        return jdbc.sql("select count(*) from mail_undeliverable where address = ?").param(address).query(Long.class).single() > 0;
    }

    /** Counts one automatic mail to this address today; false (and nothing counted) when the cap is reached. */
    boolean countAutomatic(String address, LocalDate day, int cap) {
        int updated = jdbc.sql("update mail_auto_sent set sent = sent + 1 where address = ? and sent_on = ? and sent < ?")
                .params(address, day, cap).update();
        if (updated == 1) {
            return true;
        }
        boolean exists = jdbc.sql("select count(*) from mail_auto_sent where address = ? and sent_on = ?").params(address, day)
                .query(Long.class).single() > 0;
        if (exists || cap < 1) {
            return false;
        }
        jdbc.sql("insert into mail_auto_sent (address, sent_on, sent) values (?, ?, 1)").params(address, day).update();
        return true;
    }

    // --- the IMAP cursor and its lease

    void ensureCursor(long mailboxId, Instant now) {
        if (jdbc.sql("select count(*) from mail_cursor where mailbox_id = ?").param(mailboxId).query(Long.class).single() == 0) {
            try {
                jdbc.sql("insert into mail_cursor (mailbox_id, lease_until) values (?, ?)").params(mailboxId, SqlTime.utc(now)).update();
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // another instance made it first
            }
        }
    }

    /** Compare-and-set: true when this instance holds the mailbox until {@code until}. */
    boolean lease(long mailboxId, String owner, Instant now, Instant until) {
        return jdbc.sql("update mail_cursor set lease_owner = ?, lease_until = ? where mailbox_id = ? "
                        + "and (lease_until <= ? or lease_owner = ?)")
                .params(owner, SqlTime.utc(until), mailboxId, SqlTime.utc(now), owner).update() == 1;
    }

    void release(long mailboxId, String owner, Instant now) {
        jdbc.sql("update mail_cursor set lease_until = ? where mailbox_id = ? and lease_owner = ?")
                .params(SqlTime.utc(now), mailboxId, owner).update();
    }

    Cursor cursor(long mailboxId) {
        return jdbc.sql("select uid_validity, last_uid from mail_cursor where mailbox_id = ?").param(mailboxId)
                .query((rs, n) -> new Cursor(rs.getLong("uid_validity"), rs.getLong("last_uid"))).single();
    }

    /** Moves the cursor only forward, and only while this instance holds the lease. */
    boolean advance(long mailboxId, String owner, long uidValidity, long uid) {
        return jdbc.sql("update mail_cursor set uid_validity = ?, last_uid = ? where mailbox_id = ? and lease_owner = ? "
                        + "and (uid_validity <> ? or last_uid < ?)")
                .params(uidValidity, uid, mailboxId, owner, uidValidity, uid).update() == 1;
    }

    record Cursor(long uidValidity, long lastUid) {
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
