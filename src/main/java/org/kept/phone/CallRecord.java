package org.kept.phone;

import java.time.Instant;

/**
 * One call as Kept knows it after every event so far (通话记录). Seconds are null until the events that bound them
 * arrived: {@code queueSeconds} in the queue before an agent's phone rang, {@code ringSeconds} ringing the agent,
 * {@code waitSeconds} from the start until answered (or hung up), {@code talkSeconds} answered minus hold.
 * {@code number} is the customer's side in E.164: mask it at the edge for viewers without personal-data rights.
 */
public record CallRecord(long id, String callId, long contactId, String direction, String number, String line,
                         Long customerId, String queue, Long agentId, String agentRef, String state, Instant startedAt,
                         Instant answeredAt, Instant endedAt, Integer queueSeconds, Integer ringSeconds,
                         Integer waitSeconds, Integer talkSeconds, int holdSeconds, String cause, String hungUpBy,
                         int transfers, String recordingUri, String recordingSha256, String outcome) {
}
