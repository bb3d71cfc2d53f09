package org.kept.protection.internal;

import org.kept.phone.CallControl;
import org.kept.protection.AgentChannelsChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A lead moved an agent to written channels only (or back): Kept's router stops offering them calls' work, but the
 * calls themselves come from the PBX, so once the move is recorded each PBX that takes commands is told to pause (or
 * resume) the agent in its queues.
 */
@Component
class AgentCallsOnPbx {

    private static final Logger log = LoggerFactory.getLogger(AgentCallsOnPbx.class);

    private final CallControl calls;

    AgentCallsOnPbx(CallControl calls) {
        this.calls = calls;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(AgentChannelsChanged changed) {
        try {
            calls.agentCalls(changed.userId(), changed.writtenChannelsOnly(), "writtenChannelsOnly");
        } catch (RuntimeException e) {
            // the move is recorded all the same; the lead can pause the agent on the PBX by hand
            log.warn("Telling the PBX about agent {}'s channels failed: {}", changed.userId(), e.toString());
        }
    }
}
