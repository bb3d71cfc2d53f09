package org.kept.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.kept.audit.AuditVerification;
import org.kept.audit.internal.AuditQuery;
import org.kept.audit.internal.AuditVerifier;
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

    AuditController(AuditQuery query, AuditVerifier verifier) {
        this.query = query;
        this.verifier = verifier;
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
    @Operation(summary = "Walk the hash chain and report whether any entry was edited, deleted or inserted")
    AuditVerification verify() {
        return verifier.verify();
    }
}
