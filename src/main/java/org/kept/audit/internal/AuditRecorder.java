package org.kept.audit.internal;

import org.kept.shared.SqlTime;
import java.time.Clock;
import org.kept.shared.AuditableEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes each auditable event in the transaction that caused it, so a change and its audit entry commit
 * or fail together. Chaining is left to the sealer, which keeps this write free of any global lock.
 */
@Component
class AuditRecorder {

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditRecorder(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void on(AuditableEvent event) {
        jdbc.sql("insert into audit_entry (at, actor, action, subject, details) values (?, ?, ?, ?, ?)")
                .params(SqlTime.now(clock),
                        cut(event.actor(), 100), cut(event.action(), 60), cut(event.subject(), 200), cut(event.details(), 4000))
                .update();
    }

    private static String cut(String value, int max) {
        if (value == null) {
            return "";
        }
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
