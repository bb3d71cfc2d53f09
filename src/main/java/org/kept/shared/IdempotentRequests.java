package org.kept.shared;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a create call safe to retry, for every module: a caller's {@code Idempotency-Key} remembers what the first
 * request made; the same key with the same request gives that result again, with a different request it is refused.
 * Keys are per caller; the fingerprint covers the operation, so one key cannot serve two kinds of request.
 */
@Component
public class IdempotentRequests {

    private static final int MAX_KEY = 100;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate tx;

    IdempotentRequests(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** The id a create produced, and whether it was produced earlier for the same key (a replay). */
    public record Outcome(long id, boolean replayed) {
    }

    /** The earlier result for this key, if any; refuses a key reused for a different request. */
    public Optional<Outcome> replay(long callerId, String key, String operation, String request) {
        checkKey(key);
        String fingerprint = fingerprint(operation, request);
        return jdbc.sql("select request_hash, result_id from idempotency_record where caller_id = ? and idem_key = ?")
                .params(callerId, key).query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).optional()
                .map(seen -> {
                    if (!seen[0].equals(fingerprint)) {
                        throw KeptException.invalid("error.idempotency.mismatch", key);
                    }
                    return new Outcome(Long.parseLong(seen[1]), true);
                });
    }

    /**
     * Remembers what the key made, in the caller's transaction so the key and the result commit together. A concurrent
     * first request with the same key makes this fail with a duplicate key, rolling back the second result.
     */
    public void remember(long callerId, String key, String operation, String request, long resultId) {
        jdbc.sql("insert into idempotency_record (caller_id, idem_key, operation, request_hash, result_id, created_at) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(callerId, key, operation, fingerprint(operation, request), resultId,
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /**
     * Replays, or runs {@code create} in a transaction and remembers its id in the same one; without a key it simply
     * runs {@code create} in a transaction. Two requests with one key racing each other both answer with the first
     * one's result: the loser's insert of the key fails, its work rolls back, and it replays the winner's.
     * Call it outside a transaction: inside one, a lost race can only fail (PostgreSQL aborts the whole transaction).
     */
    public Outcome once(long callerId, String key, String operation, String request, LongSupplier create) {
        if (key == null || key.isBlank()) {
            return new Outcome(tx.execute(s -> create.getAsLong()), false);
        }
        Optional<Outcome> earlier = replay(callerId, key, operation, request);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return tx.execute(s -> {
                long id = create.getAsLong();
                remember(callerId, key, operation, request, id);
                return new Outcome(id, false);
            });
        } catch (DuplicateKeyException raced) {
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                throw raced;
            }
            return replay(callerId, key, operation, request).orElseThrow(() -> raced);
        }
    }

    /** What this caller's key produced for the operation, whatever the request was. */
    public Optional<Long> resultOf(long callerId, String key, String operation) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY) {
            return Optional.empty();
        }
        return jdbc.sql("select result_id from idempotency_record where caller_id = ? and idem_key = ? and operation = ?")
                .params(callerId, key, operation).query(Long.class).optional();
    }

    private static void checkKey(String key) {
        if (key.length() > MAX_KEY) {
            throw KeptException.invalid("error.idempotency.key");
        }
    }

    private static String fingerprint(String operation, String request) {
        return Sha256.hex(operation + "\u001e" + request);
    }
}
