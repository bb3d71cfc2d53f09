package org.kept.audit.internal;

import java.util.concurrent.atomic.AtomicReference;
import org.kept.audit.AuditVerification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Recomputes the chain from the first entry and compares it with what is stored and with the head. */
@Service
public class AuditVerifier {

    private final JdbcClient jdbc;
    private final AuditSealer sealer;

    AuditVerifier(JdbcClient jdbc, AuditSealer sealer) {
        this.jdbc = jdbc;
        this.sealer = sealer;
    }

    public AuditVerification verify() {
        sealer.sealPending();
        long pending = jdbc.sql("select count(*) from audit_entry where chain_seq is null").query(Long.class).single();
        Object[] head = jdbc.sql("select seq, hash from audit_chain_head where id = 1")
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}).single();
        long[] expectedSeq = {0};
        String[] previous = {"0".repeat(64)};
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
                    previous[0] = hash;
                });
        if (broken.get() != null) {
            return broken.get();
        }
        if (expectedSeq[0] != (Long) head[0] || !previous[0].equals(head[1])) {
            return fail(expectedSeq[0] + 1, pending, "entries after " + expectedSeq[0] + " are missing");
        }
        return new AuditVerification(true, expectedSeq[0], pending, null, null);
    }

    private static AuditVerification fail(long seq, long pending, String problem) {
        return new AuditVerification(false, seq - 1, pending, seq, problem);
    }
}
