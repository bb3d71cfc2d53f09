package org.kept.contact.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kept.contact.Contact;
import org.kept.contact.ContactEntry;
import org.kept.contact.Contacts;
import org.kept.contact.HistoricContact;
import org.kept.contact.NewContact;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.kept.ticket.Channel;
import org.kept.ticket.Tickets;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.annotation.Transactional;

/** Records contacts once per provider id and puts them on their ticket's timeline. */
@Service
class ContactDesk implements Contacts {

    private final ContactStore store;
    private final Tickets tickets;
    private final Clock clock;
    private final TransactionTemplate savepoint;

    ContactDesk(ContactStore store, Tickets tickets, Clock clock, PlatformTransactionManager txManager) {
        this.store = store;
        this.tickets = tickets;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(txManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    @Transactional
    public List<Long> importAll(List<HistoricContact> contacts) {
        if (contacts.stream().anyMatch(c -> c.contact().ticketId() != null)) {
            throw new IllegalArgumentException("imported contacts join no ticket's timeline");
        }
        return store.insertAll(contacts, clock.instant());
    }

    @Override
    @Transactional
    public Contact record(NewContact contact, CurrentUser by) {
        if (contact.externalId() != null) {
            Optional<Contact> known = store.byExternalId(contact.channel(), contact.externalId());
            if (known.isPresent()) {
                return known.get();
            }
        }
        long id;
        try {
            id = insertAlone(contact);
        } catch (DuplicateKeyException raced) {
            // another instance or thread recorded the same provider id between our read and our insert
            return store.byExternalId(contact.channel(), contact.externalId()).orElseThrow(() -> raced);
        }
        Contact saved = store.find(id).orElseThrow();
        if (saved.ticketId() != null) {
            onTimeline(saved, saved.ticketId(), by);
        }
        return saved;
    }

    /**
     * The insert alone, in a savepoint: it may fail on the unique provider id, and on PostgreSQL the surrounding
     * transaction survives a failed statement only when it ran in a savepoint.
     */
    private long insertAlone(NewContact contact) {
        return savepoint.execute(s -> store.insert(contact, clock.instant()));
    }

    @Override
    public Optional<Contact> find(long id) {
        return store.find(id);
    }

    @Override
    public Optional<Contact> byExternalId(Channel channel, String externalId) {
        return store.byExternalId(channel, externalId);
    }

    @Override
    @Transactional
    public Contact attach(long contactId, long ticketId, CurrentUser by) {
        Contact c = store.find(contactId).orElseThrow(() -> KeptException.notFound("contact", contactId));
        if (Long.valueOf(ticketId).equals(c.ticketId())) {
            return c;
        }
        store.attach(contactId, ticketId);
        onTimeline(c, ticketId, by);
        return store.find(contactId).orElseThrow();
    }

    @Override
    @Transactional
    public Contact conclude(long contactId, Instant endedAt, String outcome, String detail, CurrentUser by) {
        Contact c = store.find(contactId).orElseThrow(() -> KeptException.notFound("contact", contactId));
        store.conclude(contactId, endedAt, outcome);
        if (c.ticketId() != null && outcome != null && !outcome.equals(c.outcome())) {
            tickets.annotate(c.ticketId(), new ContactEntry.Outcome(contactId, c.channel(), outcome, detail), by);
        }
        return store.find(contactId).orElseThrow();
    }

    @Override
    @Transactional
    public void identify(long contactId, String address, Long customerId) {
        store.identify(contactId, address, customerId);
    }

    @Override
    @Transactional
    public void handledBy(long contactId, long userId) {
        store.handledBy(contactId, userId);
    }

    @Override
    public List<Contact> ofTicket(long ticketId) {
        return store.ofTicket(ticketId);
    }

    @Override
    public List<Contact> ofCustomer(long customerId, int limit) {
        return store.ofCustomer(customerId, Math.max(1, Math.min(limit, 500)));
    }

    private void onTimeline(Contact c, long ticketId, CurrentUser by) {
        tickets.annotate(ticketId, new ContactEntry.Joined(c.id(), c.channel(), c.direction(), c.outcome(), c.summary()), by);
    }
}
