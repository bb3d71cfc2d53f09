package org.kept.phone.internal;

import java.util.Optional;
import org.kept.phone.CallRecord;
import org.kept.phone.NewCallAdvisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Asks the other modules' {@link NewCallAdvisor}s, in their order, what the PBX should do with a new inbound call. */
@Component
public class CallAdvisors {

    private static final Logger log = LoggerFactory.getLogger(CallAdvisors.class);

    private final ObjectProvider<NewCallAdvisor> advisors;
    /** Resolved on first use: looking the beans up by type on every newCall cost more than the advice itself. */
    private volatile java.util.List<NewCallAdvisor> ordered;

    CallAdvisors(ObjectProvider<NewCallAdvisor> advisors) {
        this.advisors = advisors;
    }

    /** The first advice for a newCall event of an inbound call; empty for other events or when nobody advises. */
    public Optional<NewCallAdvisor.Advice> adviseOn(CallEvent event, CallRecord record) {
        if (!"newCall".equals(event.event()) || "OUTBOUND".equals(record.direction())) {
            return Optional.empty();
        }
        var call = new NewCallAdvisor.NewCall(record.id(), record.callId(), record.number(), record.line(),
                event.queue() != null ? event.queue() : record.queue(), record.customerId(), event.at());
        java.util.List<NewCallAdvisor> all = ordered;
        if (all == null) {
            all = advisors.orderedStream().toList();
            ordered = all;
        }
        for (NewCallAdvisor advisor : all) {
            try {
                Optional<NewCallAdvisor.Advice> advice = advisor.advise(call);
                if (advice.isPresent()) {
                    return advice;
                }
            } catch (RuntimeException e) {
                log.warn("call advisor {} failed on call {}: {}", advisor.getClass().getSimpleName(), record.callId(),
                        e.toString());
            }
        }
        return Optional.empty();
    }
}
