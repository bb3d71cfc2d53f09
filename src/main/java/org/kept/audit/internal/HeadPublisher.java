package org.kept.audit.internal;

import java.time.Clock;
import org.kept.audit.AuditHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Publishes the chain's signed head: in the log on a schedule (one line, for log shipping to a store the database's
 * writers cannot reach) and through the API for auditors. A copy kept elsewhere and checked later with
 * {@link AuditVerifier#verify(Long, String)} proves nothing up to it was rewritten or removed.
 */
@Service
public class HeadPublisher {

    private static final Logger log = LoggerFactory.getLogger(HeadPublisher.class);

    private final JdbcClient jdbc;
    private final AuditSealer sealer;
    private final Clock clock;

    HeadPublisher(JdbcClient jdbc, AuditSealer sealer, Clock clock) {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.clock = clock;
    }

    /** The head after sealing what waits. */
    public AuditHead current() {
        sealer.sealPending();
        AuditSealer.Head head = jdbc.sql(AuditSealer.HEAD).query(AuditSealer::head).single();
        return new AuditHead(head.seq(), head.hash(), head.mac(), head.keyId(), clock.instant());
    }

    @Scheduled(fixedDelayString = "${kept.audit.publish-every:PT1H}", initialDelayString = "${kept.audit.publish-first:PT1M}")
    void publish() {
        AuditHead head = current();
        log.info("Audit chain head: seq={} hash={} signature={} key={} at={}", head.seq(), head.hash(), head.signature(),
                head.keyId(), head.at());
    }
}
