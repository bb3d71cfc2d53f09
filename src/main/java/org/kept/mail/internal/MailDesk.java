package org.kept.mail.internal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.kept.shared.Masking;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the mail pages and API read and write: mailboxes, and a ticket's mails masked for the reader. */
@Service
public class MailDesk {

    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s+]+@[^@\\s]+\\.[^@\\s]+$");

    private final MailStore store;
    private final Clock clock;

    MailDesk(MailStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A mailbox as the administrator sees it; the IMAP password never leaves the database. */
    public record MailboxRow(long id, String address, String category, Long teamId, String imap, boolean autoAck,
                             boolean enabled) {
    }

    /** A mail on a ticket; addresses masked for readers without personal-data rights. */
    public record MailRow(long id, String direction, String kind, String from, String to, String subject, String text,
                          String quoted, String html, List<String> attachments, java.time.Instant at) {
    }

    /** A new mailbox's settings as typed. */
    public record NewMailbox(String address, String category, Long teamId, String imapHost, Integer imapPort,
                             String imapUser, String imapPassword, boolean imapSsl, boolean autoAck) {
    }

    public List<MailboxRow> mailboxes() {
        return store.mailboxes().stream().map(m -> new MailboxRow(m.id(), m.address(), m.category(), m.teamId(),
                m.polled() ? m.imapUser() + "@" + m.imapHost() + ":" + m.imapPort() : null, m.autoAck(), m.enabled())).toList();
    }

    @Transactional
    public long addMailbox(NewMailbox m, CurrentUser by) {
        String address = m.address() == null ? "" : m.address().strip().toLowerCase(Locale.ROOT);
        if (!ADDRESS.matcher(address).matches()) {
            throw KeptException.invalid("error.mail.address", address);
        }
        if (store.mailboxAt(address).isPresent()) {
            throw KeptException.invalid("error.mail.exists");
        }
        String host = m.imapHost() == null || m.imapHost().isBlank() ? null : m.imapHost().strip();
        return store.addMailbox(new Mailbox(0, address, blank(m.category()), m.teamId(), host,
                host == null ? null : (m.imapPort() == null ? (m.imapSsl() ? 993 : 143) : m.imapPort()),
                blank(m.imapUser()), blank(m.imapPassword()), "INBOX", m.imapSsl(), m.autoAck(), true), clock.instant());
    }

    public List<MailRow> ofTicket(long ticketId, CurrentUser reader) {
        boolean full = reader.seesPersonalData();
        return store.ofTicket(ticketId).stream().map(m -> new MailRow(m.id(), m.direction(), m.kind(),
                full ? m.from() : Masking.email(m.from()), full ? m.to() : Masking.email(m.to()),
                full ? m.subject() : Masking.inText(maskEmails(m.subject())),
                full ? m.text() : Masking.inText(maskEmails(m.text())), full ? m.quoted() : Masking.inText(maskEmails(m.quoted())),
                full ? m.html() : null,
                store.attachments(m.id()).stream().map(a -> full ? a.fileName() : Masking.inText(maskEmails(a.fileName()))).toList(),
                m.createdAt())).toList();
    }

    private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'@]+@[^\\s<>\"'@]+\\.[A-Za-z]{2,}");

    /** Addresses quoted in a history ("On … li.lei@example.com wrote:") are masked like the headers. */
    private static String maskEmails(String text) {
        return text == null ? null : EMAIL.matcher(text).replaceAll(r -> java.util.regex.Matcher.quoteReplacement(Masking.email(r.group())));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
