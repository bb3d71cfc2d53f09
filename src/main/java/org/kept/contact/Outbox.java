package org.kept.contact;

import org.kept.ticket.Channel;

/**
 * Messages that must leave Kept exactly once. {@link #enqueue} joins the caller's transaction: if it rolls back,
 * nothing is sent; once it commits, the outbox worker sends through the channel's {@link OutboundSender}, retrying
 * with backoff, one send per row even with several instances.
 */
public interface Outbox {

    /** Returns the outbox row's id. {@code payload} is the channel's own description of the message (JSON). */
    long enqueue(Channel channel, Long contactId, String payload);

    /** Where a message is: PENDING, SENT or FAILED, with the provider's id once sent. */
    OutboxMessage get(long id);
}
