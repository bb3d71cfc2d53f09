package org.kept.aftersales.internal;

import org.kept.authority.AuthorityRequestEnded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A refund held above its requester's limit follows its exception request: in the transaction that ended the request
 * it becomes due (approved) or CLOSED (rejected, withdrawn, expired). An approved one is submitted right after that
 * commit; if that fails, the worker submits it under the same refund number.
 */
@Component
class RefundApprovals {

    private static final Logger log = LoggerFactory.getLogger(RefundApprovals.class);

    private final RefundDesk desk;
    private final RefundStore store;

    RefundApprovals(RefundDesk desk, RefundStore store) {
        this.desk = desk;
        this.store = store;
    }

    @EventListener
    void on(AuthorityRequestEnded ended) {
        desk.authorityEnded(ended.requestId(), ended.approved(), ended.state());
        if (!ended.approved() || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                store.byAuthorityRequest(ended.requestId()).ifPresent(r -> {
                    try {
                        desk.submit(r.id());
                    } catch (RuntimeException e) {
                        log.warn("refund {}: submit after approval failed, left to the worker: {}", r.refundNo(), e.toString());
                    }
                });
            }
        });
    }
}
