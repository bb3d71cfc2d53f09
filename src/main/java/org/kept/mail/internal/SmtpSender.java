package org.kept.mail.internal;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import org.kept.contact.OutboundSender;
import org.kept.contact.OutboxMessage;
import org.kept.ticket.Channel;
import org.kept.ticket.TicketDeadlines;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox's mails by SMTP ({@code kept.mail.smtp.*}). The Message-ID comes from the outbox key, so a mail
 * sent again after a crash is the same mail to every threading client; connection trouble is retried, a refused
 * address is not.
 */
@Component
class SmtpSender implements OutboundSender {

    private final Session session;
    private final MailSettings settings;
    private final Tickets tickets;
    private final ObjectProvider<TicketDeadlines> deadlines;
    private final MessageSource messages;
    private final Clock clock;
    private final ZoneId zone;
    private final String username;
    private final String password;

    SmtpSender(MailSettings settings, Tickets tickets, ObjectProvider<TicketDeadlines> deadlines, MessageSource messages,
               Clock clock, @Value("${kept.time-zone:Asia/Shanghai}") String zone,
               @Value("${kept.mail.smtp.host:127.0.0.1}") String host, @Value("${kept.mail.smtp.port:25}") int port,
               @Value("${kept.mail.smtp.username:}") String username, @Value("${kept.mail.smtp.password:}") String password,
               @Value("${kept.mail.smtp.starttls:false}") boolean starttls,
               @Value("${kept.mail.smtp.timeout-ms:10000}") int timeout) {
        this.settings = settings;
        this.tickets = tickets;
        this.deadlines = deadlines;
        this.messages = messages;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
        this.username = username;
        this.password = password;
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.connectiontimeout", String.valueOf(timeout));
        p.put("mail.smtp.timeout", String.valueOf(timeout));
        p.put("mail.smtp.writetimeout", String.valueOf(timeout));
        p.put("mail.smtp.starttls.enable", String.valueOf(starttls));
        p.put("mail.smtp.auth", String.valueOf(!username.isBlank()));
        this.session = Session.getInstance(p);
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public String send(OutboxMessage outboxMessage) throws Exception {
        OutgoingMail mail = OutgoingMail.of(outboxMessage.payload());
        String messageId = settings.messageId(outboxMessage.key());
        MimeMessage m = new FixedIdMessage(session, messageId);
        m.setFrom(new InternetAddress(mail.from()));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to()));
        m.setReplyTo(new InternetAddress[] {new InternetAddress(plus(mail.from(), tickets.get(mail.ticketId()).number()))});
        m.setSubject(mail.subject(), "UTF-8");
        m.setSentDate(Date.from(clock.instant()));
        if (mail.inReplyTo() != null) {
            m.setHeader("In-Reply-To", mail.inReplyTo());
        }
        if (!mail.references().isEmpty()) {
            m.setHeader("References", String.join("\r\n ", mail.references()));
        }
        if ("ACK".equals(mail.kind())) {
            m.setHeader("Auto-Submitted", "auto-replied");
            m.setText(ack(mail), "UTF-8");
        } else {
            if (!"REPLY".equals(mail.kind())) {
                // a notice nobody typed: out-of-office robots must not answer it (RFC 3834)
                m.setHeader("Auto-Submitted", "auto-generated");
            }
            m.setText(mail.body(), "UTF-8");
        }
        m.setHeader("X-Kept-Ticket", tickets.get(mail.ticketId()).number());
        try {
            if (username.isBlank()) {
                Transport.send(m);
            } else {
                Transport.send(m, username, password);
            }
        } catch (SendFailedException refused) {
            if (refused.getInvalidAddresses() != null && refused.getInvalidAddresses().length > 0) {
                throw refused;
            }
            throw new Retry(refused.getMessage(), refused);
        } catch (MessagingException down) {
            // the server is away, slow or busy: the outbox tries again with backoff
            throw new Retry(down.getMessage(), down);
        }
        return messageId;
    }

    private String ack(OutgoingMail mail) {
        TicketView t = tickets.get(mail.ticketId());
        Locale locale = mail.locale() == null ? Locale.SIMPLIFIED_CHINESE : Locale.forLanguageTag(mail.locale());
        TicketDeadlines source = deadlines.getIfAvailable();
        var due = source == null ? null : source.of(t.id()).map(d -> d.firstResponseDue() != null ? d.firstResponseDue()
                : d.resolutionDue()).orElse(null);
        String when = due == null ? messages.getMessage("mail.ack.soon", null, locale)
                : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(due.atZone(zone));
        String text = messages.getMessage("mail.ack.body", new Object[] {t.number(), when}, locale);
        return settings.signature.isBlank() ? text : text + "\n\n-- \n" + settings.signature;
    }

    /** support@x + 20261203-000123 → support+20261203-000123@x: the customer's answer finds the ticket even without headers. */
    static String plus(String address, String token) {
        int at = address.indexOf('@');
        return at < 0 ? address : address.substring(0, at) + "+" + token + address.substring(at);
    }

    /** A message whose Message-ID is ours, not the one Angus Mail would make up on save. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
