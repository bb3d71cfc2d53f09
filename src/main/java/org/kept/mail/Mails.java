package org.kept.mail;

/** Mail other modules send to a customer about a ticket; the mail module picks the mailbox, threads and sends it. */
public interface Mails {

    /**
     * Queues an automatic notice (a survey's one-time link) in the caller's transaction, from the mailbox of the
     * ticket's team or else the first enabled one, with the ticket token so an answer threads. False when the centre
     * has no mailbox or the address is known to bounce: the caller then uses another channel.
     */
    boolean notice(long ticketId, String to, String subject, String body);

    /** Whether {@link #notice} would queue a mail to this address for this ticket now. */
    boolean canReach(long ticketId, String to);
}
