package org.kept.phone.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.kept.phone.CallRecord;
import org.kept.phone.NewCallAdvisor;
import org.kept.shared.Masking;

/**
 * A call record as the API shows it; the number masked unless the viewer may see personal data. {@code advice} is set
 * only on the answer to a newCall event that an advisor had something to say about (what the PBX should do).
 */
record CallView(long id, String callId, long contactId, String direction, String number, String line, Long customerId,
                String queue, Long agentId, String agent, String state, Instant startedAt, Instant answeredAt,
                Instant endedAt, Integer queueSeconds, Integer ringSeconds, Integer waitSeconds, Integer talkSeconds,
                int holdSeconds, String cause, String hungUpBy, int transfers, String recordingUri,
                String recordingSha256, String outcome,
                @JsonInclude(JsonInclude.Include.NON_NULL) NewCallAdvisor.Advice advice) {

    static CallView of(CallRecord r, boolean mask) {
        return of(r, mask, null);
    }

    static CallView of(CallRecord r, boolean mask, NewCallAdvisor.Advice advice) {
        return new CallView(r.id(), r.callId(), r.contactId(), r.direction(), mask ? Masking.phone(r.number()) : r.number(),
                r.line(), r.customerId(), r.queue(), r.agentId(), r.agentRef(), r.state(), r.startedAt(), r.answeredAt(),
                r.endedAt(), r.queueSeconds(), r.ringSeconds(), r.waitSeconds(), r.talkSeconds(), r.holdSeconds(),
                r.cause(), r.hungUpBy(), r.transfers(), r.recordingUri(), r.recordingSha256(), r.outcome(), advice);
    }
}
