package org.kept.callback.internal;

import org.kept.callback.Callbacks;
import org.kept.identity.Directory;
import org.kept.phone.CallAbandoned;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A caller who hung up in the queue (放弃呼叫) is called back: a task with the number and the wait, for the team whose
 * code is the queue's name (none: any agent may take it). In the transaction that recorded the hangup, so a call is
 * never recorded without its callback; a second abandoned call from the same number finds the open task.
 */
@Component
class AbandonedCalls {

    private final CallbackDesk desk;
    private final Directory directory;

    AbandonedCalls(CallbackDesk desk, Directory directory) {
        this.desk = desk;
        this.directory = directory;
    }

    @EventListener
    void on(CallAbandoned call) {
        if (call.number() == null || call.number().isBlank()) {
            return;  // an anonymous caller cannot be called back
        }
        Long team = call.queue() == null ? null : directory.teams().stream()
                .filter(t -> t.code().equalsIgnoreCase(call.queue())).map(t -> t.id()).findFirst().orElse(null);
        desk.open(new Callbacks.CallbackRequest(Callbacks.Reason.ABANDONED_CALL, null, call.customerId(), call.number(),
                team, null, call.queue() == null ? null : "queue " + call.queue()), call.waitSeconds(), null);
    }
}
