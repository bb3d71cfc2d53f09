package org.kept.mail.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kept.contact.Contact;
import org.kept.contact.Contacts;
import org.kept.contact.Direction;
import org.kept.contact.NewContact;
import org.kept.contact.OutboundSettled;
import org.kept.contact.Outbox;
import org.kept.customer.Customer;
import org.kept.customer.Customers;
import org.kept.identity.CurrentUser;
import org.kept.mail.MailEntry;
import org.kept.mail.Mails;
import org.kept.shared.Masking;
import org.kept.ticket.Channel;
import org.kept.ticket.TicketChange;
import org.kept.ticket.TicketChanged;
import org.kept.ticket.TicketView;
import org.kept.ticket.Tickets;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mail that leaves Kept: the agent's public reply on a ticket the customer wrote by mail, and the acknowledgement of a
 * new ticket. Both are written to the contact outbox in the transaction that caused them, with our Message-ID (derived
 * from the outbox key) indexed at once, so the customer's answer threads even before the mail has left.
 */
@Component
class MailOut implements Mails {

    private final Outbox outbox;
    private final MailStore store;
    private final Contacts contacts;
    private final Tickets tickets;
    private final Customers customers;
    private final MailSettings settings;
    private final MailActors actors;
    private final Clock clock;

    MailOut(Outbox outbox, MailStore store, Contacts contacts, Tickets tickets, Customers customers, MailSettings settings,
            MailActors actors, Clock clock) {
        this.outbox = outbox;
        this.store = store;
        this.contacts = contacts;
        this.tickets = tickets;
        this.customers = customers;
        this.settings = settings;
        this.actors = actors;
        this.clock = clock;
    }

    /** The agent replied on the ticket page or the API: when the customer wrote by mail, the reply goes by mail. */
    @EventListener
    void onReply(TicketChanged changed) {
        if (!(changed.change() instanceof TicketChange.Replied reply) || reply.byCustomer()) {
            return;
        }
        Optional<StoredMail> last = store.lastInbound(changed.ticketId());
        if (last.isEmpty() || last.get().from() == null) {
            return;
        }
        StoredMail theirs = last.get();
        TicketView t = tickets.get(changed.ticketId());
        if (store.undeliverable(theirs.from())) {
            tickets.annotate(t.id(), new MailEntry.Undeliverable("5.1.1", Masking.email(theirs.from())), actors.channel());
            return;
        }
        String body = settings.signature.isBlank() ? reply.body() : reply.body() + "\n\n-- \n" + settings.signature;
        enqueue(new OutgoingMail("REPLY", t.id(), theirs.to(), theirs.from(), subject(theirs.subject(), t), body,
                theirs.messageId(), references(theirs), null), t, null);
    }

    /** Tells the customer the ticket number and the deadline; rendered when sent, from the SLA clock as it is then. */
    void acknowledge(TicketView t, String mailbox, ParsedMail theirs, Customer customer) {
        List<String> refs = new ArrayList<>(theirs.references());
        refs.add(theirs.messageId());
        enqueue(new OutgoingMail("ACK", t.id(), mailbox, theirs.from(), subject(theirs.subject(), t), null,
                theirs.messageId(), refs, customers.preferredLocale(customer.id()).toLanguageTag()), t, null);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean notice(long ticketId, String to, String subject, String body) {
        TicketView t = tickets.get(ticketId);
        Optional<Mailbox> from = sender(t, to);
        if (from.isEmpty()) {
            return false;
        }
        enqueue(new OutgoingMail("NOTICE", t.id(), from.get().address(), to, subject + " [#" + t.number() + "]", body,
                null, List.of(), null), t, null);
        return true;
    }

    @Override
    public boolean canReach(long ticketId, String to) {
        return sender(tickets.get(ticketId), to).isPresent();
    }

    /** The mailbox of the ticket's team, else the first enabled one; none when the address is known to bounce. */
    private Optional<Mailbox> sender(TicketView t, String to) {
        if (to == null || to.isBlank() || store.undeliverable(to)) {
            return Optional.empty();
        }
        List<Mailbox> enabled = store.mailboxes().stream().filter(Mailbox::enabled).toList();
        return enabled.stream().filter(b -> t.teamId() != null && t.teamId().equals(b.teamId())).findFirst()
                .or(() -> enabled.stream().findFirst());
    }

    private void enqueue(OutgoingMail mail, TicketView t, CurrentUser by) {
        long outboxId = outbox.enqueue(Channel.EMAIL, null, mail.json());
        String messageId = settings.messageId(outbox.get(outboxId).key());
        Long customerId = t.customerId();
        Contact contact = contacts.record(new NewContact(Channel.EMAIL, Direction.OUTBOUND, messageId, mail.to(), customerId,
                t.id(), null, clock.instant(), Masking.cut(mail.subject(), 200)), by == null ? actors.channel() : by);
        store.insertMessage(new StoredMail(0, messageId, "OUTBOUND", mail.kind(), null, t.id(), contact.id(), outboxId,
                mail.from(), mail.to(), mail.subject(), mail.body(), null, null, String.join(" ", mail.references()),
                clock.instant()), clock.instant());
    }

    /** The outbox worker sent it or gave up: the contact says so on the ticket. */
    @EventListener
    @Transactional
    void onSettled(OutboundSettled settled) {
        if (settled.channel() != Channel.EMAIL) {
            return;
        }
        store.byOutbox(settled.outboxId()).filter(m -> m.contactId() != null).ifPresent(m ->
                contacts.conclude(m.contactId(), clock.instant(), settled.sent() ? "SENT" : "FAILED",
                        settled.sent() ? null : Masking.cut(settled.error(), 300), actors.channel()));
    }

    private static String subject(String theirs, TicketView t) {
        String s = theirs == null || theirs.isBlank() ? t.subject() : theirs;
        s = Threading.SUBJECT_TOKEN.matcher(s).replaceAll("").strip();
        if (!s.regionMatches(true, 0, "Re:", 0, 3) && !s.startsWith("回复")) {
            s = "Re: " + s;
        }
        return s + " [#" + t.number() + "]";
    }

    private static List<String> references(StoredMail theirs) {
        List<String> refs = new ArrayList<>();
        if (theirs.references() != null && !theirs.references().isBlank()) {
            refs.addAll(List.of(theirs.references().split(" ")));
        }
        refs.add(theirs.messageId());
        return refs;
    }
}
