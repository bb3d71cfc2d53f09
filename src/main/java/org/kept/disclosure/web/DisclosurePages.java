package org.kept.disclosure.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.kept.disclosure.internal.AgencyDesk;
import org.kept.disclosure.internal.Codes;
import org.kept.disclosure.internal.ReleaseDesk;
import org.kept.disclosure.internal.ReviewDesk;
import org.kept.disclosure.internal.TransparencyReport;
import org.kept.identity.CurrentUser;
import org.kept.shared.CentreZone;
import org.kept.shared.Flash;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.KeptException;
import org.kept.shared.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The compliance console: the queue with the emergency targets, one request's review page, agencies, the report. */
@Controller
class DisclosurePages {

    private final ReviewDesk review;
    private final ReleaseDesk release;
    private final AgencyDesk agencies;
    private final TransparencyReport report;
    private final IdempotentRequests idempotency;
    private final Problems problems;
    private final CentreZone zone;
    private final Clock clock;
    private final org.kept.shared.PageRefusals refusals;

    DisclosurePages(ReviewDesk review, ReleaseDesk release, AgencyDesk agencies, TransparencyReport report,
                    IdempotentRequests idempotency, Problems problems, CentreZone zone, Clock clock,
                    org.kept.shared.PageRefusals refusals) {
        this.refusals = refusals;
        this.review = review;
        this.release = release;
        this.agencies = agencies;
        this.report = report;
        this.idempotency = idempotency;
        this.problems = problems;
        this.zone = zone;
        this.clock = clock;
    }

    @GetMapping("/console/disclosure")
    @PreAuthorize("hasAuthority('DISCLOSURE_REVIEW')")
    String queue(@AuthenticationPrincipal CurrentUser me, Model model) {
        var now = clock.instant();
        model.addAttribute("requests", review.queue(200).stream().map(r -> DisclosureJson.of(r, me, now)).toList());
        model.addAttribute("paperwork", review.paperworkPending(200).stream().map(r -> DisclosureJson.of(r, me, now)).toList());
        model.addAttribute("agencyNames", agencies.agencies().stream()
                .collect(java.util.stream.Collectors.toMap(a -> a.id(), a -> a.name())));
        return "disclosure/queue";
    }

    @GetMapping("/console/disclosure/{id}")
    @PreAuthorize("hasAuthority('DISCLOSURE_REVIEW')")
    String detail(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Locale locale, Model model) {
        var d = review.detail(id);
        model.addAttribute("d", DisclosureJson.of(d, me, clock.instant(), locale));
        model.addAttribute("verified", d.verified());
        model.addAttribute("mayApprove", me.can(org.kept.identity.Permission.DISCLOSURE_APPROVE)
                && d.request().state() == Codes.State.REVIEWED && !Long.valueOf(me.id()).equals(d.request().reviewerId()));
        model.addAttribute("ownReview", Long.valueOf(me.id()).equals(d.request().reviewerId()));
        model.addAttribute("formKey", UUID.randomUUID().toString());
        // the console's reveal-with-reason fragment asks can.reveal: someone who sees personal data has nothing to reveal
        model.addAttribute("can", java.util.Map.of("reveal",
                me.can(org.kept.identity.Permission.PII_REVEAL) && !me.seesPersonalData()));
        return "disclosure/request";
    }

    /** One masked value of the request in full (field subject or officerContact), for a reason; audited as pii.reveal. */
    @PostMapping("/console/disclosure/{id}/reveal")
    @PreAuthorize("hasAuthority('DISCLOSURE_REVIEW') and hasAuthority('PII_REVEAL')")
    String reveal(@PathVariable long id, @RequestParam(defaultValue = "subject") String field,
                  @RequestParam(defaultValue = "") String reason, @AuthenticationPrincipal CurrentUser me, Locale locale,
                  Model model, jakarta.servlet.http.HttpServletResponse response) {
        try {
            model.addAttribute("value", review.reveal(id, field, reason, me));
            return "console/parts :: revealed";
        } catch (KeptException e) {
            model.addAttribute("message", refusals.refuse(e, locale, response));
            return "console/parts :: alert";
        }
    }

    @GetMapping("/console/disclosure/{id}/documents/{doc}")
    @PreAuthorize("hasAuthority('DISCLOSURE_REVIEW')")
    ResponseEntity<byte[]> document(@PathVariable long id, @PathVariable long doc, @AuthenticationPrincipal CurrentUser me) {
        var meta = review.documents(id).stream().filter(x -> x.id() == doc).findFirst()
                .orElseThrow(() -> KeptException.notFound("disclosure-document", doc));
        byte[] data = review.document(id, doc, me).orElseThrow(() -> KeptException.notFound("disclosure-document", doc));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(meta.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"document-" + doc + "\"")
                .header("X-Content-Type-Options", "nosniff").header(HttpHeaders.CACHE_CONTROL, "no-store").body(data);
    }

    @PostMapping("/console/disclosure/{id}/checks")
    @PreAuthorize("hasAuthority('DISCLOSURE_REVIEW')")
    String check(@PathVariable long id, @RequestParam String code, @RequestParam(defaultValue = "false") boolean ok,
                 @RequestParam(required = false) String note, @AuthenticationPrincipal CurrentUser me, Locale locale,
                 RedirectAttributes redirect) {
        return act(id, locale, redirect, "disclosure.checked", () -> review.check(id, code, ok, note, me));
    }

    @PostMapping("/console/disclosure/{id}/callbacks")
    @PreAuthorize("hasAuthority('DISCLOSURE_REVIEW')")
    String callback(@PathVariable long id, @RequestParam(required = false) String outcome,
                    @RequestParam(required = false) String note, @RequestParam(required = false) String formKey,
                    @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        return act(id, locale, redirect, "disclosure.calledBack", () -> idempotency.once(me.id(), formKey,
                "disclosure.callback.page", id + "|" + outcome + "|" + note, () -> {
                    review.callback(id, outcome, note, me);
                    return id;
                }));
    }

    @PostMapping("/console/disclosure/{id}/review")
    @PreAuthorize("hasAuthority('DISCLOSURE_REVIEW')")
    String pass(@PathVariable long id, @RequestParam(required = false) String note, @AuthenticationPrincipal CurrentUser me,
                Locale locale, RedirectAttributes redirect) {
        return act(id, locale, redirect, "disclosure.reviewed", () -> review.review(id, note, me));
    }

    @PostMapping("/console/disclosure/{id}/reject")
    @PreAuthorize("hasAuthority('DISCLOSURE_REVIEW')")
    String reject(@PathVariable long id, @RequestParam(required = false) String note, @AuthenticationPrincipal CurrentUser me,
                  Locale locale, RedirectAttributes redirect) {
        return act(id, locale, redirect, "disclosure.rejected", () -> {
            if (review.get(id).state() == Codes.State.REVIEWED) {
                if (!me.can(org.kept.identity.Permission.DISCLOSURE_APPROVE)) {
                    throw KeptException.forbidden("disclosure.approverOnly");
                }
                return release.reject(id, note, me);
            }
            return review.reject(id, note, me);
        });
    }

    @PostMapping("/console/disclosure/{id}/approve")
    @PreAuthorize("hasAuthority('DISCLOSURE_APPROVE')")
    String approve(@PathVariable long id, @RequestParam(name = "fields", required = false) List<String> fields,
                   @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                   @RequestParam(required = false) String note, @RequestParam(required = false) Integer maxUses,
                   @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        try {
            var z = zone.zone();
            var made = release.approve(id, new ReleaseDesk.Approval(fields,
                    from == null || from.isBlank() ? null : LocalDate.parse(from).atStartOfDay(z).toInstant(),
                    to == null || to.isBlank() ? null : LocalDate.parse(to).plusDays(1).atStartOfDay(z).toInstant(),
                    note, maxUses), me);
            Flash.notice(redirect, problems.message("disclosure.released", locale));
            redirect.addFlashAttribute("link", "/le/download/" + made.key());
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        } catch (java.time.format.DateTimeParseException e) {
            Flash.alert(redirect, problems.message("disclosure.range.outside", locale));
        }
        return "redirect:/console/disclosure/" + id;
    }

    @PostMapping("/console/disclosure/{id}/paperwork")
    @PreAuthorize("hasAuthority('DISCLOSURE_REVIEW')")
    String paperwork(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Locale locale,
                     RedirectAttributes redirect) {
        return act(id, locale, redirect, "disclosure.paperworkDone", () -> review.paperworkReceived(id, me));
    }

    @GetMapping("/console/disclosure/agencies")
    @PreAuthorize("hasAuthority('DISCLOSURE_REVIEW')")
    String agencies(Model model) {
        model.addAttribute("agencies", agencies.agencies().stream().map(DisclosureJson::of).toList());
        model.addAttribute("types", Codes.AgencyType.values());
        model.addAttribute("checklist", agencies.checklist());
        model.addAttribute("formKey", UUID.randomUUID().toString());
        return "disclosure/agencies";
    }

    @PostMapping("/console/disclosure/agencies")
    @PreAuthorize("hasAuthority('DISCLOSURE_ADMIN')")
    String issue(@RequestParam(required = false) String name, @RequestParam(required = false) String type,
                 @RequestParam(required = false) String region, @RequestParam(required = false) String publishedLandline,
                 @RequestParam(required = false) Integer validDays, @AuthenticationPrincipal CurrentUser me, Locale locale,
                 RedirectAttributes redirect) {
        try {
            var issued = agencies.issue(new AgencyDesk.NewAgency(name, type, region, publishedLandline, validDays), me);
            Flash.notice(redirect, problems.message("disclosure.agency.issued", locale, issued.agency().name()));
            redirect.addFlashAttribute("link", "/le/" + issued.key());
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        }
        return "redirect:/console/disclosure/agencies";
    }

    @PostMapping("/console/disclosure/agencies/{id}/revoke")
    @PreAuthorize("hasAuthority('DISCLOSURE_ADMIN')")
    String revoke(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Locale locale, RedirectAttributes redirect) {
        var a = agencies.revoke(id, me);
        Flash.notice(redirect, problems.message("disclosure.agency.revoked", locale, a.name()));
        return "redirect:/console/disclosure/agencies";
    }

    @GetMapping("/console/reports/disclosure")
    @PreAuthorize("hasAnyAuthority('DISCLOSURE_REVIEW', 'REPORT_ALL_TEAMS')")
    String report(@RequestParam(required = false) String half, Locale locale, Model model) {
        TransparencyReport.Report r;
        try {
            r = report.report(half);
        } catch (KeptException e) {
            model.addAttribute("alert", problems.sentence(e, locale));
            r = report.report(null);
        }
        model.addAttribute("r", r);
        StringBuilder types = new StringBuilder();
        StringBuilder produced = new StringBuilder();
        StringBuilder none = new StringBuilder();
        StringBuilder rejected = new StringBuilder();
        StringBuilder pending = new StringBuilder();
        for (var l : r.lines()) {
            String sep = types.isEmpty() ? "" : "|";
            types.append(sep).append(problems.message("disclosure.agencyType." + l.agencyType(), locale));
            produced.append(sep).append(l.produced());
            none.append(sep).append(l.none());
            rejected.append(sep).append(l.rejected());
            pending.append(sep).append(l.pending());
        }
        model.addAttribute("chartTypes", types.toString());
        model.addAttribute("chartProduced", produced.toString());
        model.addAttribute("chartNone", none.toString());
        model.addAttribute("chartRejected", rejected.toString());
        model.addAttribute("chartPending", pending.toString());
        return "disclosure/report";
    }

    private String act(long id, Locale locale, RedirectAttributes redirect, String done, Supplier<Object> step) {
        try {
            step.get();
            Flash.notice(redirect, problems.message(done, locale));
        } catch (KeptException e) {
            Flash.alert(redirect, problems.sentence(e, locale));
        }
        return "redirect:/console/disclosure/" + id;
    }
}
