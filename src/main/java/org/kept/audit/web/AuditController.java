package org.kept.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.kept.audit.AuditHead;
import org.kept.audit.AuditVerification;
import org.kept.audit.internal.AuditQuery;
import org.kept.audit.internal.AuditVerifier;
import org.kept.audit.internal.HeadPublisher;
import org.kept.shared.KeptException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log for compliance officers and administrators. */
@RestController
@Tag(name = "audit")
class AuditController {

    private final AuditQuery query;
    private final AuditVerifier verifier;
    private final HeadPublisher heads;

    AuditController(AuditQuery query, AuditVerifier verifier, HeadPublisher heads) {
        this.query = query;
        this.verifier = verifier;
        this.heads = heads;
    }

    @GetMapping("/api/v1/audit/entries")
    @PreAuthorize("hasAuthority('AUDIT_READ')")
    @Operation(summary = "Latest audit entries, optionally for one subject (e.g. ticket:20261122-0001) or actor")
    List<AuditQuery.AuditEntryView> entries(@RequestParam(required = false) String subject,
                                            @RequestParam(required = false) String actor,
                                            @RequestParam(defaultValue = "100") int limit) {
        return query.latest(subject, actor, limit);
    }

    @GetMapping("/api/v1/audit/verify")
    @PreAuthorize("hasAuthority('AUDIT_READ')")
    @Operation(summary = "Walk the hash chain and report whether any entry was edited, deleted or inserted",
            description = "Each entry and the head are signed with the audit key (HMAC-SHA256, kept outside the database), "
                    + "so a chain recomputed in the database without the key fails too. With seq and hash (a head published "
                    + "earlier, see /api/v1/audit/head) it also checks that the chain still holds that entry unchanged.")
    AuditVerification verify(@RequestParam(required = false) Long seq, @RequestParam(required = false) String hash) {
        if ((seq == null) != (hash == null || hash.isBlank()) || (seq != null && seq < 1)) {
            throw KeptException.invalid("audit.anchor.invalid");
        }
        return verifier.verify(seq, hash);
    }

    @GetMapping("/api/v1/audit/head")
    @PreAuthorize("hasAuthority('AUDIT_READ')")
    @Operation(summary = "The chain's signed head, to keep a copy outside Kept",
            description = "Also written to the log on a schedule (kept.audit.publish-every). Later, "
                    + "GET /api/v1/audit/verify?seq=&hash= proves nothing up to this head was rewritten or removed.")
    AuditHead head() {
        return heads.current();
    }
}
