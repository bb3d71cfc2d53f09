package org.kept.contact;

import org.kept.ticket.Channel;

/**
 * Published after the outbox worker sent a message or gave up on it, so the channel can record the provider's id or
 * show the failure on the ticket. {@code providerId} is null when it failed.
 */
public record OutboundSettled(long outboxId, Channel channel, Long contactId, boolean sent, String providerId,
                              String error) {
}
