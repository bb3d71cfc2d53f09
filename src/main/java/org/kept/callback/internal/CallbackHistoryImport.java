package org.kept.callback.internal;

import java.util.ArrayList;
import java.util.List;
import org.kept.callback.CallbackHistory;
import org.kept.shared.SqlTime;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes past callback tasks and their attempts, 500 tasks a transaction (each task's id from its insert, the
 * attempts as one batch). An open task keeps its open key, so a live request for the same number finds it; a second
 * open one for the same key is left out.
 */
@Service
class CallbackHistoryImport implements CallbackHistory {

    private static final int BATCH = 500;

    private final CallbackStore store;
    private final org.springframework.jdbc.core.JdbcTemplate template;
    private final TransactionTemplate tx;

    CallbackHistoryImport(CallbackStore store, org.springframework.jdbc.core.JdbcTemplate template, TransactionTemplate tx) {
        this.store = store;
        this.template = template;
        this.tx = tx;
    }

    @Override
    public int importHistoric(List<HistoricCallback> callbacks) {
        for (int from = 0; from < callbacks.size(); from += BATCH) {
            List<HistoricCallback> batch = callbacks.subList(from, Math.min(callbacks.size(), from + BATCH));
            tx.executeWithoutResult(status -> write(batch));
        }
        return callbacks.size();
    }

    private void write(List<HistoricCallback> batch) {
        List<Object[]> attempts = new ArrayList<>();
        for (HistoricCallback c : batch) {
            String openKey = "OPEN".equals(c.state())
                    ? c.reason().name() + "|" + (c.ticketId() != null ? "t" + c.ticketId() : "n" + c.number()) : null;
            Long id = store.insertHistoric(c, openKey);
            if (id == null) {
                continue;  // one open task per ticket (or number) and reason, as a live request would find it
            }
            int seq = 1;
            for (Attempt a : c.attempts()) {
                attempts.add(new Object[] {id, seq++, SqlTime.utc(a.plannedAt()), a.agentId(),
                        a.dialledAt() == null ? null : SqlTime.utc(a.dialledAt()), a.outcome(),
                        a.callAgainAt() == null ? null : SqlTime.utc(a.callAgainAt()), a.note(),
                        a.recordedAt() == null ? null : SqlTime.utc(a.recordedAt())});
            }
        }
        store.insertHistoricAttempts(template, attempts);
    }
}
