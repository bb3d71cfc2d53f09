package org.kept.audit.internal;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads the audit log, newest first, optionally for one subject or actor. */
@Service
public class AuditQuery {

    private final JdbcClient jdbc;

    AuditQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<AuditEntryView> latest(String subject, String actor, int limit) {
        StringBuilder sql = new StringBuilder("select " + AuditRow.COLUMNS + " from audit_entry where 1 = 1");
        java.util.List<Object> params = new java.util.ArrayList<>();
        if (subject != null && !subject.isBlank()) {
            sql.append(" and subject = ?");
            params.add(subject);
        }
        if (actor != null && !actor.isBlank()) {
            sql.append(" and actor = ?");
            params.add(actor);
        }
        // a LIMIT in the statement, not setMaxRows: PostgreSQL plans a top-N index scan only when it sees the limit
        sql.append(" order by id desc limit ?");
        params.add(Math.max(1, Math.min(limit, 500)));
        return jdbc.sql(sql.toString()).params(params)
                .query(AuditRow::read).list().stream()
                .map(r -> new AuditEntryView(r.id(), r.at(), r.actor(), r.action(), r.subject(), r.details(), r.chainSeq(), r.hash()))
                .toList();
    }

    /** An audit entry as the API and the audit page show it. */
    public record AuditEntryView(long id, java.time.OffsetDateTime at, String actor, String action, String subject,
                                 String details, Long seq, String hash) {
    }
}
