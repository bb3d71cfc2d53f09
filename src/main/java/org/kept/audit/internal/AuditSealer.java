package org.kept.audit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one writer of the chain: takes unsealed entries in id order and links each to the head, many per commit, and
 * signs each entry and the head with the audit key (kept outside the database). The head row is locked while
 * sealing, so several Kept instances on one database never fork the chain; an instance holding another key than the
 * one the chain is signed with seals nothing (entries wait, nothing is lost) and says so once.
 * An entry committed late by a slow transaction is simply sealed in a later round.
 */
@Component
class AuditSealer {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);
    private static final int BATCH = 2000;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate tx;
    private final AuditKey key;
    private final AtomicBoolean refusedOnce = new AtomicBoolean();

    AuditSealer(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate tx, AuditKey key) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = tx;
        this.key = key;
    }

    /** The head row as stored. */
    record Head(long seq, String hash, String mac, String keyId) {
    }

    static final String HEAD = "select seq, hash, mac, key_id from audit_chain_head where id = 1";

    static Head head(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Head(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4));
    }

    @Scheduled(fixedDelayString = "${kept.audit.seal-every:PT0.5S}")
    void sealPending() {
        while (sealBatch() == BATCH) {
            // keep going until the backlog is sealed
        }
    }

    int sealBatch() {
        Integer sealed = tx.execute(status -> {
            Head head = jdbc.sql(HEAD + " for update").query(AuditSealer::head).single();
            if (head.keyId() != null && !head.keyId().equals(key.id())) {
                if (refusedOnce.compareAndSet(false, true)) {
                    log.error("The audit chain is signed with key {} but this instance holds key {}: nothing is sealed until "
                            + "it is given the same KEPT_AUDIT_KEY as the others", head.keyId(), key.id());
                }
                return 0;
            }
            if (head.keyId() == null && !adoptUnsigned(head)) {
                return 0;
            }
            long seq = head.seq();
            String previous = head.hash();
            List<AuditRow> rows = jdbc.sql("select " + AuditRow.COLUMNS + " from audit_entry where chain_seq is null order by id")
                    .withMaxRows(BATCH).query(AuditRow::read).list();
            if (rows.isEmpty()) {
                return 0;
            }
            List<Object[]> updates = new ArrayList<>(rows.size());
            for (AuditRow row : rows) {
                seq++;
                String hash = ChainHash.of(seq, previous, row.at(), row.actor(), row.action(), row.subject(), row.details());
                updates.add(new Object[] {seq, previous, hash, key.signEntry(hash), row.id()});
                previous = hash;
            }
            batch.batchUpdate("update audit_entry set chain_seq = ?, prev_hash = ?, hash = ?, mac = ? where id = ?", updates);
            jdbc.sql("update audit_chain_head set seq = ?, hash = ?, mac = ?, key_id = ? where id = 1")
                    .params(seq, previous, key.signHead(seq, previous), key.id()).update();
            return rows.size();
        });
        return sealed == null ? 0 : sealed;
    }

    /**
     * A chain sealed before it had a key (a database from before signing): its entries are signed once, and only if
     * their plain hash chain is intact, so a chain broken before the key came is never made to look whole. Logged, so
     * the moment it happened is on record outside the database.
     */
    private boolean adoptUnsigned(Head head) {
        List<AuditRow> rows = jdbc.sql("select " + AuditRow.COLUMNS + " from audit_entry where chain_seq is not null "
                + "order by chain_seq").query(AuditRow::read).list();
        String previous = "0".repeat(64);
        long seq = 0;
        List<Object[]> updates = new ArrayList<>(rows.size());
        for (AuditRow row : rows) {
            seq++;
            String hash = ChainHash.of(seq, previous, row.at(), row.actor(), row.action(), row.subject(), row.details());
            if (row.chainSeq() != seq || !previous.equals(row.prevHash()) || !hash.equals(row.hash())) {
                if (refusedOnce.compareAndSet(false, true)) {
                    log.error("The unsigned audit chain is broken at entry {}; it is not signed and nothing more is sealed", seq);
                }
                return false;
            }
            updates.add(new Object[] {key.signEntry(hash), row.id()});
            previous = hash;
        }
        if (seq != head.seq() || !previous.equals(head.hash())) {
            if (refusedOnce.compareAndSet(false, true)) {
                log.error("The unsigned audit chain ends at entry {} but its head says {}; it is not signed", seq, head.seq());
            }
            return false;
        }
        batch.batchUpdate("update audit_entry set mac = ? where id = ?", updates);
        jdbc.sql("update audit_chain_head set mac = ?, key_id = ? where id = 1")
                .params(seq == 0 ? null : key.signHead(seq, previous), key.id()).update();
        if (seq > 0) {
            log.warn("Audit chain: signed {} entries sealed before it had a key, with key {}", seq, key.id());
        }
        return true;
    }
}
