package org.kept.audit.internal;

import java.util.concurrent.atomic.AtomicReference;
import org.kept.audit.AuditVerification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Recomputes the chain from the first entry and compares it with what is stored, with each entry's signature under the
 * audit key, and with the signed head. A rewrite whose author recomputed the plain hashes in the database still
 * fails at the first rewritten entry: its signature needs the key, which is not in the database. Given a head an
 * auditor copied earlier ({@code seq}, {@code hash}), it also checks that the chain still holds it.
 */
@Service
public class AuditVerifier {

    private static final String ZERO = "0".repeat(64);

    private final JdbcClient jdbc;
    private final AuditSealer sealer;
    private final AuditKey key;

    AuditVerifier(JdbcClient jdbc, AuditSealer sealer, AuditKey key) {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.key = key;
    }

    public AuditVerification verify() {
        return verify(null, null);
    }

    /** Verifies the chain and, when {@code anchorSeq} is given, that entry {@code anchorSeq} still has {@code anchorHash}. */
    public AuditVerification verify(Long anchorSeq, String anchorHash) {
        sealer.sealPending();
        long pending = jdbc.sql("select count(*) from audit_entry where chain_seq is null").query(Long.class).single();
        AuditSealer.Head head = jdbc.sql(AuditSealer.HEAD).query(AuditSealer::head).single();
        if (head.keyId() != null && !head.keyId().equals(key.id())) {
            return fail(1, pending, "the chain is signed with key " + head.keyId() + ", not with this instance's key " + key.id());
        }
        long[] expectedSeq = {0};
        String[] previous = {ZERO};
        String[] anchored = {null};
        AtomicReference<AuditVerification> broken = new AtomicReference<>();
        jdbc.sql("select " + AuditRow.COLUMNS + " from audit_entry where chain_seq is not null order by chain_seq")
                .query(rs -> {
                    if (broken.get() != null) {
                        return;
                    }
                    AuditRow row = AuditRow.read(rs, 0);
                    expectedSeq[0]++;
                    if (row.chainSeq() != expectedSeq[0]) {
                        broken.set(fail(expectedSeq[0], pending, "missing entry " + expectedSeq[0]));
                        return;
                    }
                    String hash = ChainHash.of(row.chainSeq(), previous[0], row.at(), row.actor(), row.action(),
                            row.subject(), row.details());
                    if (!previous[0].equals(row.prevHash()) || !hash.equals(row.hash())) {
                        broken.set(fail(row.chainSeq(), pending, "entry " + row.chainSeq() + " was altered"));
                        return;
                    }
                    if (!key.signEntry(hash).equals(row.mac())) {
                        broken.set(fail(row.chainSeq(), pending, "entry " + row.chainSeq() + " was altered or re-chained: "
                                + "its signature does not match the audit key"));
                        return;
                    }
                    if (anchorSeq != null && anchorSeq.equals(row.chainSeq())) {
                        anchored[0] = hash;
                    }
                    previous[0] = hash;
                });
        if (broken.get() != null) {
            return broken.get();
        }
        if (expectedSeq[0] != head.seq() || !previous[0].equals(head.hash())) {
            return fail(expectedSeq[0] + 1, pending, "entries after " + expectedSeq[0] + " are missing");
        }
        if (head.seq() > 0 && !key.signHead(head.seq(), head.hash()).equals(head.mac())) {
            return fail(head.seq(), pending, "the chain head's signature does not match the audit key");
        }
        if (anchorSeq != null) {
            if (anchored[0] == null) {
                return fail(Math.max(1, Math.min(anchorSeq, head.seq() + 1)), pending, "the published head " + anchorSeq
                        + " is beyond the chain, which ends at " + head.seq() + ": entries were removed");
            }
            if (!anchored[0].equalsIgnoreCase(anchorHash == null ? "" : anchorHash.strip())) {
                return fail(anchorSeq, pending, "entry " + anchorSeq + " no longer has the published hash: the chain was rewritten");
            }
        }
        return new AuditVerification(true, expectedSeq[0], pending, null, null, key.id());
    }

    private AuditVerification fail(long seq, long pending, String problem) {
        return new AuditVerification(false, seq - 1, pending, seq, problem, key.id());
    }
}
