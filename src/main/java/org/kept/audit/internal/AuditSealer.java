package org.kept.audit.internal;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one writer of the chain: takes unsealed entries in id order and links each to the head, many per commit.
 * The head row is locked while sealing, so several Kept instances on one database never fork the chain.
 * An entry committed late by a slow transaction is simply sealed in a later round.
 */
@Component
class AuditSealer {

    private static final int BATCH = 2000;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate tx;

    AuditSealer(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = tx;
    }

    @Scheduled(fixedDelayString = "${kept.audit.seal-every:PT0.5S}")
    void sealPending() {
        while (sealBatch() == BATCH) {
            // keep going until the backlog is sealed
        }
    }

    int sealBatch() {
        Integer sealed = tx.execute(status -> {
            Object[] head = jdbc.sql("select seq, hash from audit_chain_head where id = 1 for update")
                    .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}).single();
            long seq = (Long) head[0];
            String previous = (String) head[1];
            List<AuditRow> rows = jdbc.sql("select " + AuditRow.COLUMNS + " from audit_entry where chain_seq is null order by id")
                    .withMaxRows(BATCH).query(AuditRow::read).list();
            if (rows.isEmpty()) {
                return 0;
            }
            List<Object[]> updates = new ArrayList<>(rows.size());
            for (AuditRow row : rows) {
                seq++;
                String hash = ChainHash.of(seq, previous, row.at(), row.actor(), row.action(), row.subject(), row.details());
                updates.add(new Object[] {seq, previous, hash, row.id()});
                previous = hash;
            }
            batch.batchUpdate("update audit_entry set chain_seq = ?, prev_hash = ?, hash = ? where id = ?", updates);
            jdbc.sql("update audit_chain_head set seq = ?, hash = ? where id = 1").params(seq, previous).update();
            return rows.size();
        });
        return sealed == null ? 0 : sealed;
    }
}
