package org.kept.phone;

import java.time.Instant;

/**
 * A caller hung up while waiting in a queue (放弃呼叫): the number to call back, who it is when known, and how long they
 * waited. Published in the transaction that recorded the hangup, once per call.
 */
public record CallAbandoned(long contactId, String callId, String number, Long customerId, String queue,
                            long waitSeconds, Instant at) {
}
