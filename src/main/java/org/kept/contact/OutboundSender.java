package org.kept.contact;

import org.kept.ticket.Channel;

/**
 * Sends one channel's outbox messages (the SMS provider, SMTP, the WeChat customer-service API, the PBX). A bean per
 * channel; the outbox worker calls it outside any transaction.
 */
public interface OutboundSender {

    Channel channel();

    /**
     * Sends and returns the provider's id. Throws {@link Retry} for a failure worth retrying (timeout, 5xx, throttled),
     * any other exception for a permanent one (a bad number, a rejected template).
     */
    String send(OutboxMessage message) throws Exception;

    /** A failure that may pass: the worker tries again later with backoff. */
    final class Retry extends Exception {
        public Retry(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
