package org.kept.routing.internal;

import org.kept.protection.AgentNeedsRecovery;
import org.kept.routing.PresenceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After a flagged (abusive) contact the agent is taken off routing with the reason "recovery", so no new contact is
 * offered while they recover; the protection page shows until when, and the agent makes themselves available again.
 * After the flag committed, in a transaction of its own: a presence that cannot change never undoes the flag.
 */
@Component
class RecoveryBreaks {

    private static final Logger log = LoggerFactory.getLogger(RecoveryBreaks.class);
    static final String REASON = "recovery";

    private final PresenceDesk presence;
    private final TransactionTemplate tx;

    RecoveryBreaks(PresenceDesk presence, PlatformTransactionManager txManager) {
        this.presence = presence;
        this.tx = new TransactionTemplate(txManager);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(AgentNeedsRecovery event) {
        try {
            tx.executeWithoutResult(s -> {
                Presence now = presence.get(event.userId());
                if (now.state() != PresenceState.OFFLINE && now.state() != PresenceState.NOT_READY) {
                    presence.choose(event.userId(), PresenceState.NOT_READY, REASON, event.userId());
                }
            });
        } catch (RuntimeException e) {
            // a centre that removed the reason code, or a change racing this one: the agent keeps their state
            log.warn("agent {} not moved to recovery: {}", event.userId(), e.getMessage());
        }
    }
}
