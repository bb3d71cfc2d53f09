package org.kept.mail.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kept.contact.Contact;
import org.kept.contact.Contacts;
import org.kept.contact.Direction;
import org.kept.contact.NewContact;
import org.kept.customer.Customer;
import org.kept.customer.Customers;
import org.kept.customer.NewCustomer;
import org.kept.identity.CurrentUser;
import org.kept.mail.MailEntry;
import org.kept.shared.Masking;
import org.kept.ticket.Channel;
import org.kept.ticket.NewTicket;
import org.kept.ticket.TicketState;
import org.kept.ticket.TicketType;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes one received mail to its ticket, in one transaction: stored once per Message-ID (a redelivery is a no-op), so
 * the IMAP cursor or the SMTP "250 OK" can follow only after the commit.
 */
@Service
class MailIngest {

    private static final Logger log = LoggerFactory.getLogger(MailIngest.class);
    private static final int MAX_TEXT = 20_000;

    /** What became of a mail. */
    record Outcome(String kind, Long ticketId, boolean newTicket, boolean duplicate) {
    }

    private final MailParser parser;
    private final MailStore store;
    private final Threading threading;
    private final Tickets tickets;
    private final Customers customers;
    private final Contacts contacts;
    private final MailActors actors;
    private final MailSettings settings;
    private final MailOut out;
    private final MailRouting routing;
    private final Clock clock;

    MailIngest(MailParser parser, MailStore store, Threading threading, Tickets tickets, Customers customers,
               Contacts contacts, MailActors actors, MailSettings settings, MailOut out, MailRouting routing, Clock clock) {
        this.routing = routing;
        this.parser = parser;
        this.store = store;
        this.threading = threading;
        this.tickets = tickets;
        this.customers = customers;
        this.contacts = contacts;
        this.actors = actors;
        this.settings = settings;
        this.out = out;
        this.clock = clock;
    }

    /** {@code mailbox} may be null: the mailbox is then the one a recipient names. */
    @Transactional
    public Outcome ingest(byte[] raw, Mailbox mailbox) {
        ParsedMail m = parser.parse(raw);
        if (store.known(m.messageId())) {
            return new Outcome("DUPLICATE", store.byMessageId(m.messageId()).map(StoredMail::ticketId).orElse(null), false, true);
        }
        Mailbox box = mailbox != null ? mailbox : mailboxOf(m).orElse(null);
        LoopGuard.Kind kind = LoopGuard.kind(m, settings);
        Instant now = clock.instant();
        return switch (kind) {
            case LOOP -> {
                log.info("Dropped our own mail coming back: {}", m.messageId());
                save(m, kind, box, null, null, now);
                yield new Outcome(kind.name(), null, false, false);
            }
            case BOUNCE -> bounce(m, box, now);
            case OUT_OF_OFFICE -> outOfOffice(m, box, now);
            case MAIL, AUTO -> mail(m, kind, box, now);
        };
    }

    private Outcome bounce(ParsedMail m, Mailbox box, Instant now) {
        ParsedMail.Bounce b = m.bounce();
        Optional<StoredMail> original = b.originalMessageId() == null ? Optional.empty() : store.byMessageId(b.originalMessageId());
        Long ticketId = original.map(StoredMail::ticketId).orElse(null);
        String address = b.recipient() != null ? b.recipient().toLowerCase(java.util.Locale.ROOT)
                : original.map(StoredMail::to).orElse(null);
        if (b.permanent() && "5.1.1".equals(b.status()) && address != null) {
            store.markUndeliverable(address, b.status(), b.originalMessageId(), now);
        }
        if (ticketId != null && b.permanent()) {
            Long contactId = original.get().contactId();
            if (contactId != null) {
                contacts.conclude(contactId, now, "UNDELIVERABLE", b.status(), actors.channel());
            }
            tickets.annotate(ticketId, new MailEntry.Undeliverable(b.status(), Masking.email(address)), actors.channel());
        }
        save(m, LoopGuard.Kind.BOUNCE, box, ticketId, null, now);
        return new Outcome("BOUNCE", ticketId, false, false);
    }

    private Outcome outOfOffice(ParsedMail m, Mailbox box, Instant now) {
        // recorded on the ticket it answers, never answered and never reopening it
        Long ticketId = threading.find(m).map(f -> f.ticket().id()).orElse(null);
        if (ticketId != null) {
            tickets.annotate(ticketId, new MailEntry.AutoReply("OUT_OF_OFFICE", Masking.cut(m.subject(), 200)), actors.channel());
        }
        save(m, LoopGuard.Kind.OUT_OF_OFFICE, box, ticketId, null, now);
        return new Outcome("OUT_OF_OFFICE", ticketId, false, false);
    }

    private Outcome mail(ParsedMail m, LoopGuard.Kind kind, Mailbox box, Instant now) {
        Customer customer = customerOf(m);
        CurrentUser writer = actors.customer(customer.id(), customer.name());
        String body = body(m);
        Optional<Threading.Found> found = threading.find(m);
        TicketView ticket;
        boolean created = false;
        if (found.isPresent() && reopenable(found.get().ticket(), now)) {
            ticket = tickets.reply(found.get().ticket().id(), body, null, writer);
        } else {
            ticket = create(m, box, customer, writer, body);
            created = true;
            if (found.isPresent()) {
                tickets.annotate(ticket.id(), new MailEntry.FollowUpOf(found.get().ticket().number()), actors.channel());
            }
        }
        Contact contact = contacts.record(new NewContact(Channel.EMAIL, Direction.INBOUND, m.messageId(), m.from(),
                customer.id(), ticket.id(), null, m.sentAt() == null ? now : m.sentAt(), Masking.cut(m.subject(), 200)), writer);
        long mailId = save(m, kind, box, ticket.id(), contact.id(), now);
        m.attachments().forEach(a -> store.attach(mailId, a));
        if (kind == LoopGuard.Kind.MAIL) {
            routing.received(box, ticket, created, customer);
        }
        if (created && kind == LoopGuard.Kind.MAIL && box != null && box.autoAck() && settings.autoAck && m.from() != null
                && !store.undeliverable(m.from())
                && store.countAutomatic(m.from(), LocalDate.ofInstant(now, clock.getZone()), settings.automaticPerDay)) {
            out.acknowledge(ticket, box.address(), m, customer);
        }
        return new Outcome(kind.name(), ticket.id(), created, false);
    }

    /** A resolved ticket or one closed within the reopen window takes the mail; one closed longer ago gets a successor. */
    private boolean reopenable(TicketView t, Instant now) {
        if (t.state() != TicketState.CLOSED) {
            return t.mergedIntoId() == null;
        }
        return t.updatedAt().toInstant().plus(settings.reopenWindow).isAfter(now);
    }

    private TicketView create(ParsedMail m, Mailbox box, Customer customer, CurrentUser writer, String body) {
        String subject = m.subject().isBlank() ? "(no subject)" : Masking.cut(Threading.SUBJECT_TOKEN.matcher(m.subject()).replaceAll("").strip(), 200);
        if (subject.isBlank()) {
            subject = "(no subject)";
        }
        NewTicket request = new NewTicket(TicketType.INQUIRY, box == null ? null : box.category(), Channel.EMAIL, null,
                subject, body, null, null, null, null, customer.id(), null, null);
        TicketView t = tickets.create(request, writer, null).ticket();
        if (box != null && box.teamId() != null && !box.teamId().equals(t.teamId())) {
            t = tickets.assign(t.id(), box.teamId(), null, t.version(), actors.channel());
        }
        return t;
    }

    private Customer customerOf(ParsedMail m) {
        String from = m.from() == null ? "unknown@invalid" : m.from();
        return customers.byEmail(from).orElseGet(() -> customers.create(new NewCustomer(
                m.fromName() == null || m.fromName().isBlank() ? from.substring(0, from.indexOf('@') < 0 ? from.length() : from.indexOf('@')) : m.fromName(),
                null, null, List.of(), List.of(from)), MailActors.USERNAME));
    }

    private static String body(ParsedMail m) {
        List<String> parts = new ArrayList<>();
        parts.add(m.text() == null || m.text().isBlank() ? "(" + m.subject() + ")" : m.text());
        if (!m.attachments().isEmpty()) {
            parts.add("📎 " + m.attachments().size());
        }
        String text = String.join("\n\n", parts);
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    private Optional<Mailbox> mailboxOf(ParsedMail m) {
        for (String to : m.recipients()) {
            Optional<Mailbox> box = store.mailboxAt(Threading.withoutPlus(to));
            if (box.isPresent()) {
                return box;
            }
        }
        return Optional.empty();
    }

    private long save(ParsedMail m, LoopGuard.Kind kind, Mailbox box, Long ticketId, Long contactId, Instant now) {
        return store.insertMessage(new StoredMail(0, m.messageId(), "INBOUND", kind.name(), box == null ? null : box.id(),
                ticketId, contactId, null, m.from(), box == null ? first(m.recipients()) : box.address(), m.subject(), m.text(),
                m.quoted(), m.html(), String.join(" ", m.references()), now), now);
    }

    private static String first(List<String> list) {
        return list.isEmpty() ? null : list.get(0);
    }
}
