package org.kept.workforce.internal;

import java.util.Optional;
import java.util.function.LongSupplier;
import org.kept.shared.IdempotentRequests;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Workforce writes a client may retry, behind an {@code Idempotency-Key}: the write and the remembered key commit in
 * one transaction, so a retry (even one racing the first request) gets the first result and has no second effect.
 */
@Component
public class KeyedWrites {

    private final IdempotentRequests idempotency;
    private final TransactionTemplate tx;

    KeyedWrites(IdempotentRequests idempotency, PlatformTransactionManager txManager) {
        this.idempotency = idempotency;
        this.tx = new TransactionTemplate(txManager);
    }

    /** Runs {@code write} (returning the id of what it made or changed) once per caller and key. */
    public IdempotentRequests.Outcome once(long callerId, String key, String operation, String request, LongSupplier write) {
        if (key == null || key.isBlank()) {
            return new IdempotentRequests.Outcome(write.getAsLong(), false);
        }
        Optional<IdempotentRequests.Outcome> earlier = idempotency.replay(callerId, key, operation, request);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return tx.execute(status -> idempotency.once(callerId, key, operation, request, write));
        } catch (DuplicateKeyException raced) {
            // the same request arrived twice at once: the first one's result is the answer, ours was rolled back
            return idempotency.replay(callerId, key, operation, request).orElseThrow(() -> raced);
        }
    }
}
