package org.kept.phone.asterisk;

import java.time.Instant;

/**
 * The part of an AMI event the adapter reads, whatever asterisk-java class carried it: the event's name, the call
 * ({@code Linkedid}) and channel ({@code Uniqueid}, {@code Channel}) it concerns, the calling number and dialled
 * extension, the other channel of a dial or queue member ({@code DestUniqueid}, {@code DestChannel}), the queue, the
 * member's interface, the Q.850 hangup cause and the PBX's {@code Timestamp} (null without {@code timestampevents});
 * a VarSet's variable and value.
 */
record AmiEvent(String name, String linkedId, String uniqueId, String channel, String callerIdNum, String exten,
                String destUniqueId, String destChannel, String queue, String member, Integer cause, Instant at,
                String variable, String value) {

    AmiEvent(String name, String linkedId, String uniqueId, String channel, String callerIdNum, String exten,
             String destUniqueId, String destChannel, String queue, String member, Integer cause, Instant at) {
        this(name, linkedId, uniqueId, channel, callerIdNum, exten, destUniqueId, destChannel, queue, member, cause, at,
                null, null);
    }
}
