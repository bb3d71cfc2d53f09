package org.kept.callback.web;

import java.time.Instant;
import java.util.List;
import org.kept.callback.Callbacks;
import org.kept.callback.internal.CallbackAttempt;
import org.kept.callback.internal.CallbackTask;
import org.kept.identity.CurrentUser;
import org.kept.shared.Masking;

/** Callback tasks as the API and the pages show them: the number and free text masked for roles without PII_VIEW. */
final class CallbackJson {

    private CallbackJson() {
    }

    record Task(long id, Callbacks.Reason reason, Long ticketId, Long customerId, String number, Long teamId,
                Long ownerId, Instant dueAt, String state, String note, Long waitSeconds, int attempts, Instant createdAt,
                Instant closedAt, boolean overdue) {
    }

    record Attempt(long id, int seq, Instant plannedAt, Long agentId, Instant dialledAt, Long outboxId, Long contactId,
                   CallbackAttempt.Outcome outcome, Instant callAgainAt, String note, Instant recordedAt) {
    }

    record Detail(Task task, List<Attempt> attempts) {
    }

    static Task of(CallbackTask t, CurrentUser viewer, Instant now) {
        boolean pii = viewer.seesPersonalData();
        return new Task(t.id(), t.reason(), t.ticketId(), t.customerId(),
                pii || t.number() == null ? t.number() : Masking.phone(t.number()), t.teamId(), t.ownerId(), t.dueAt(),
                t.state(), pii ? t.note() : Masking.inText(t.note()), t.waitSeconds(), t.attempts(), t.createdAt(),
                t.closedAt(), t.overdueAt(now));
    }

    static Attempt of(CallbackAttempt a, CurrentUser viewer) {
        return new Attempt(a.id(), a.seq(), a.plannedAt(), a.agentId(), a.dialledAt(), a.outboxId(), a.contactId(),
                a.outcome(), a.callAgainAt(), viewer.seesPersonalData() ? a.note() : Masking.inText(a.note()),
                a.recordedAt());
    }
}
