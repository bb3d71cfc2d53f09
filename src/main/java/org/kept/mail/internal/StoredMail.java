package org.kept.mail.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.kept.shared.SqlTime;

/** A row of {@code mail_message}: a mail in or out, indexed by its Message-ID. */
record StoredMail(long id, String messageId, String direction, String kind, Long mailboxId, Long ticketId, Long contactId,
                  Long outboxId, String from, String to, String subject, String text, String quoted, String html,
                  String references, Instant createdAt) {

    static final String COLUMNS = "id, message_id, direction, kind, mailbox_id, ticket_id, contact_id, outbox_id, "
            + "from_address, to_address, subject, body_text, quoted_text, body_html, references_ids, created_at";

    static StoredMail row(ResultSet rs, int n) throws SQLException {
        return new StoredMail(rs.getLong("id"), rs.getString("message_id"), rs.getString("direction"), rs.getString("kind"),
                rs.getObject("mailbox_id", Long.class), rs.getObject("ticket_id", Long.class),
                rs.getObject("contact_id", Long.class), rs.getObject("outbox_id", Long.class), rs.getString("from_address"),
                rs.getString("to_address"), rs.getString("subject"), rs.getString("body_text"), rs.getString("quoted_text"),
                rs.getString("body_html"), rs.getString("references_ids"), SqlTime.instant(rs, "created_at"));
    }
}
