package org.kept.contact;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kept.identity.CurrentUser;
import org.kept.ticket.Channel;

/** The contact register every channel adapter writes to, and the timelines read from. */
public interface Contacts {

    /**
     * Records a contact, or returns the one already recorded under the same channel and external id (providers and
     * PBXs retry). When it names a ticket, the contact joins that ticket's timeline.
     */
    Contact record(NewContact contact, CurrentUser by);

    /**
     * Records many concluded contacts at once (batch inserts, no timeline entries: none may name a ticket), as a centre
     * moving its history in would; returns their ids in order. External ids must be new.
     */
    List<Long> importAll(List<HistoricContact> contacts);

    Optional<Contact> find(long id);

    Optional<Contact> byExternalId(Channel channel, String externalId);

    /** Puts a contact on a ticket (a call that became a ticket, a mail that joined one) and on its timeline. */
    Contact attach(long contactId, long ticketId, CurrentUser by);

    /** The channel's last word: ended, answered, delivered, failed. Shown on the ticket when it is on one. */
    Contact conclude(long contactId, Instant endedAt, String outcome, String detail, CurrentUser by);

    /**
     * Fills in who the contact is with when the channel learns it late (a PBX's first event of a call was not the one
     * that named the caller): the address and the customer matched to it. Does nothing to a contact that has both.
     */
    void identify(long contactId, String address, Long customerId);

    /** Sets who handled it (the agent who answered, the agent who replied). */
    void handledBy(long contactId, long userId);

    List<Contact> ofTicket(long ticketId);

    /** The customer's contacts, newest first. */
    List<Contact> ofCustomer(long customerId, int limit);
}
