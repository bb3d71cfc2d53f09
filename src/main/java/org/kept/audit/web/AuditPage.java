package org.kept.audit.web;

import org.kept.audit.internal.AuditQuery;
import org.kept.audit.internal.AuditVerifier;
import org.kept.shared.CentreZone;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit page for compliance officers and administrators: the latest entries, narrowed by subject or actor,
 * and a button that walks the hash chain and says whether anything was edited, deleted or inserted.
 * Verifying is a POST because it first seals entries still waiting to be chained.
 */
@Controller
class AuditPage {

    private static final int SHOWN = 200;

    private final AuditQuery query;
    private final AuditVerifier verifier;
    private final CentreZone zone;

    AuditPage(AuditQuery query, AuditVerifier verifier, CentreZone zone) {
        this.query = query;
        this.verifier = verifier;
        this.zone = zone;
    }

    @GetMapping("/admin/audit")
    @PreAuthorize("hasAuthority('AUDIT_READ')")
    String entries(@RequestParam(required = false) String subject, @RequestParam(required = false) String actor, Model model) {
        return page(model, subject, actor);
    }

    @PostMapping("/admin/audit/verify")
    @PreAuthorize("hasAuthority('AUDIT_READ')")
    String verify(@RequestParam(required = false) String subject, @RequestParam(required = false) String actor, Model model) {
        model.addAttribute("verification", verifier.verify());
        return page(model, subject, actor);
    }

    private String page(Model model, String subject, String actor) {
        String s = subject == null ? null : subject.trim();
        String a = actor == null ? null : actor.trim();
        model.addAttribute("subject", s);
        model.addAttribute("actor", a);
        model.addAttribute("entries", query.latest(s, a, SHOWN));
        model.addAttribute("shown", SHOWN);
        model.addAttribute("zone", zone.zone());
        return "admin/audit";
    }
}
