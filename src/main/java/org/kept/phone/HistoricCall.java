package org.kept.phone;

import java.time.Instant;
import org.kept.contact.Direction;

/**
 * A finished call moved in from an earlier PBX's records (or a demo centre's past): {@code answeredAt} null for a call
 * nobody answered (hung up in the queue: abandoned). {@code number} is the customer's side in E.164.
 */
public record HistoricCall(String callId, Direction direction, String number, String line, Long customerId, String queue,
                           Long agentId, String agentRef, Instant startedAt, Instant answeredAt, Instant endedAt,
                           int ringSeconds, int holdSeconds, String cause, String hungUpBy) {

    public HistoricCall {
        if (callId == null || direction == null || startedAt == null || endedAt == null || endedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("a historic call needs its id, direction, start and an end after it");
        }
    }
}
