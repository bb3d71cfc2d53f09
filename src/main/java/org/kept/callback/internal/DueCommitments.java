package org.kept.callback.internal;

import org.kept.callback.Callbacks;
import org.kept.sla.CommitmentDue;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A promise to call the customer back (回电承诺) that falls due becomes a callback task for its ticket (reason
 * {@code COMMITMENT}, due at the promised time, for the promise's team), in the transaction that records the reminder:
 * the call gets the callback screen, its attempts and an outcome. A second promise on the same ticket while the task
 * is open finds that task.
 */
@Component
class DueCommitments {

    private final CallbackDesk desk;

    DueCommitments(CallbackDesk desk) {
        this.desk = desk;
    }

    @EventListener
    void on(CommitmentDue due) {
        desk.open(new Callbacks.CallbackRequest(Callbacks.Reason.COMMITMENT, due.ticketId(), null, null, due.teamId(),
                due.due(), due.promise()), null, null);
    }
}
