package org.kept.audit.internal;

import java.time.OffsetDateTime;

/** One stored audit entry. */
record AuditRow(long id, OffsetDateTime at, String actor, String action, String subject, String details,
                Long chainSeq, String prevHash, String hash, String mac) {

    static final String COLUMNS = "id, at, actor, action, subject, details, chain_seq, prev_hash, hash, mac";

    static AuditRow read(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AuditRow(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class), rs.getString("actor"),
                rs.getString("action"), rs.getString("subject"), rs.getString("details"),
                rs.getObject("chain_seq", Long.class), rs.getString("prev_hash"), rs.getString("hash"), rs.getString("mac"));
    }
}
