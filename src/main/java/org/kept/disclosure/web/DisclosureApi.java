package org.kept.disclosure.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kept.disclosure.internal.AgencyDesk;
import org.kept.disclosure.internal.ChecklistItem;
import org.kept.disclosure.internal.ReleaseDesk;
import org.kept.disclosure.internal.ReviewDesk;
import org.kept.disclosure.internal.TransparencyReport;
import org.kept.identity.CurrentUser;
import org.kept.shared.IdempotentRequests;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The compliance team's API: the queue, the review, the second person's approval, agencies, checklist and report. */
@RestController
@Tag(name = "disclosure")
class DisclosureApi {

    private final ReviewDesk review;
    private final ReleaseDesk release;
    private final AgencyDesk agencies;
    private final TransparencyReport report;
    private final IdempotentRequests idempotency;
    private final Clock clock;

    DisclosureApi(ReviewDesk review, ReleaseDesk release, AgencyDesk agencies, TransparencyReport report,
                  IdempotentRequests idempotency, Clock clock) {
        this.review = review;
        this.release = release;
        this.agencies = agencies;
        this.report = report;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    record Check(Boolean ok, String note) {
    }

    record Callback(String outcome, String note) {
    }

    record Note(String note) {
    }

    record Approval(List<String> fields, OffsetDateTime from, OffsetDateTime to, String note, Integer maxUses) {
    }

    record Released(long requestId, String link, java.time.Instant expiresAt, int maxUses, boolean produced) {
    }

    record Item(String labelZh, String labelEn, String documentKind, Boolean deferrable, Integer position, Boolean active) {
    }

    @GetMapping("/api/v1/disclosure/requests")
    @PreAuthorize("hasAuthority('DISCLOSURE_REVIEW')")
    @Operation(summary = "The queue: open requests first (emergencies by their release target), and overdue paperwork")
    Map<String, Object> queue(@AuthenticationPrincipal CurrentUser me) {
        var now = clock.instant();
        return Map.of("requests", review.queue(200).stream().map(r -> DisclosureJson.of(r, me, now)).toList(),
                "paperwork", review.paperworkPending(200).stream().map(r -> DisclosureJson.of(r, me, now)).toList());
    }

    @GetMapping("/api/v1/disclosure/requests/{id}")
    @PreAuthorize("hasAuthority('DISCLOSURE_REVIEW')")
    @Operation(summary = "One request with its checklist, documents, callbacks and release")
    DisclosureJson.DetailJson get(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Locale locale) {
        return DisclosureJson.of(review.detail(id), me, clock.instant(), locale);
    }

    @PutMapping("/api/v1/disclosure/requests/{id}/checks/{code}")
    @PreAuthorize("hasAuthority('DISCLOSURE_REVIEW')")
    @Operation(summary = "Mark one checklist item passed or not (naturally idempotent)")
    DisclosureJson.DetailJson check(@PathVariable long id, @PathVariable String code, @RequestBody Check body,
                                    @AuthenticationPrincipal CurrentUser me, Locale locale) {
        return DisclosureJson.of(review.check(id, code, Boolean.TRUE.equals(body.ok()), body.note(), me), me, clock.instant(), locale);
    }

    @PostMapping("/api/v1/disclosure/requests/{id}/callbacks")
    @PreAuthorize("hasAuthority('DISCLOSURE_REVIEW')")
    @Operation(summary = "Record a verification call to the agency's published landline: CONFIRMED, NOT_CONFIRMED or NO_ANSWER")
    DisclosureJson.DetailJson callback(@PathVariable long id, @RequestBody Callback body,
                                       @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                       @AuthenticationPrincipal CurrentUser me, Locale locale) {
        idempotency.once(me.id(), key, "disclosure.callback", id + "|" + body.outcome() + "|" + body.note(), () -> {
            review.callback(id, body.outcome(), body.note(), me);
            return id;
        });
        return DisclosureJson.of(review.detail(id), me, clock.instant(), locale);
    }

    @PostMapping("/api/v1/disclosure/requests/{id}/review")
    @PreAuthorize("hasAuthority('DISCLOSURE_REVIEW')")
    @Operation(summary = "Pass the review: every checklist item passed (an emergency's paperwork may follow) and an "
            + "emergency confirmed on the agency's published landline")
    DisclosureJson.DetailJson pass(@PathVariable long id, @RequestBody(required = false) Note body,
                                   @AuthenticationPrincipal CurrentUser me, Locale locale) {
        return DisclosureJson.of(review.review(id, body == null ? null : body.note(), me), me, clock.instant(), locale);
    }

    @PostMapping("/api/v1/disclosure/requests/{id}/rejection")
    @PreAuthorize("hasAuthority('DISCLOSURE_REVIEW')")
    @Operation(summary = "Reject with a reason: at review (a reviewer), or after it (an approver other than the reviewer)")
    DisclosureJson.DetailJson reject(@PathVariable long id, @RequestBody Note body, @AuthenticationPrincipal CurrentUser me,
                                     Locale locale) {
        var r = review.get(id);
        if (r.state() == org.kept.disclosure.internal.Codes.State.REVIEWED) {
            if (!me.can(org.kept.identity.Permission.DISCLOSURE_APPROVE)) {
                throw org.kept.shared.KeptException.forbidden("disclosure.approverOnly");
            }
            release.reject(id, body.note(), me);
        } else {
            review.reject(id, body.note(), me);
        }
        return DisclosureJson.of(review.detail(id), me, clock.instant(), locale);
    }

    @PostMapping("/api/v1/disclosure/requests/{id}/approval")
    @PreAuthorize("hasAuthority('DISCLOSURE_APPROVE')")
    @Operation(summary = "Approve a reviewed request and release the approved fields for the approved period",
            description = "Never by its reviewer (403). Fields must be among those asked, the period inside the one asked. "
                    + "Answers the download link once (only its hash is kept). Honours Idempotency-Key (a replay "
                    + "answers without the link).")
    ResponseEntity<Released> approve(@PathVariable long id, @RequestBody Approval body,
                                     @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                     @AuthenticationPrincipal CurrentUser me) {
        ReleaseDesk.Released[] made = new ReleaseDesk.Released[1];
        var outcome = idempotency.once(me.id(), key, "disclosure.approve", id + "|" + body, () -> {
            made[0] = release.approve(id, new ReleaseDesk.Approval(body.fields(),
                    body.from() == null ? null : body.from().toInstant(), body.to() == null ? null : body.to().toInstant(),
                    body.note(), body.maxUses()), me);
            return id;
        });
        if (made[0] == null) {
            var r = review.detail(outcome.id());
            var rel = r.release().orElseThrow();
            return ResponseEntity.ok(new Released(id, null, rel.expiresAt(), rel.maxUses(), Boolean.TRUE.equals(r.request().produced())));
        }
        return ResponseEntity.status(201).body(new Released(id, "/le/download/" + made[0].key(), made[0].expiresAt(),
                made[0].maxUses(), made[0].produced()));
    }

    @PostMapping("/api/v1/disclosure/requests/{id}/paperwork")
    @PreAuthorize("hasAuthority('DISCLOSURE_REVIEW')")
    @Operation(summary = "Mark an emergency's deferred paperwork received (its documents must have arrived)")
    DisclosureJson.DetailJson paperwork(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, Locale locale) {
        return DisclosureJson.of(review.paperworkReceived(id, me), me, clock.instant(), locale);
    }

    @GetMapping("/api/v1/disclosure/checklist")
    @PreAuthorize("hasAuthority('DISCLOSURE_REVIEW')")
    @Operation(summary = "The checklist rows of every request type")
    List<ChecklistItem> checklist() {
        return agencies.checklist();
    }

    @PutMapping("/api/v1/disclosure/checklist/{type}/{code}")
    @PreAuthorize("hasAuthority('DISCLOSURE_ADMIN')")
    @Operation(summary = "Add or change a checklist row (a new request type is a new set of rows)")
    ChecklistItem saveItem(@PathVariable String type, @PathVariable String code, @RequestBody Item body,
                           @AuthenticationPrincipal CurrentUser me) {
        return agencies.saveItem(new ChecklistItem(type, code, body.labelZh(), body.labelEn(), body.documentKind(),
                Boolean.TRUE.equals(body.deferrable()), body.position() == null ? 100 : body.position(),
                body.active() == null || body.active()), me);
    }

    @GetMapping("/api/v1/disclosure/agencies")
    @PreAuthorize("hasAuthority('DISCLOSURE_REVIEW')")
    @Operation(summary = "The agencies that may ask, with their published landlines and links' lives")
    List<DisclosureJson.AgencyJson> agencies() {
        return agencies.agencies().stream().map(DisclosureJson::of).toList();
    }

    record NewAgency(String name, String type, String region, String publishedLandline, Integer validDays) {
    }

    record IssuedJson(DisclosureJson.AgencyJson agency, String link, String apiBase) {
    }

    @PostMapping("/api/v1/disclosure/agencies")
    @PreAuthorize("hasAuthority('DISCLOSURE_ADMIN')")
    @Operation(summary = "Add an agency and issue its link (answered once: only the key's hash is kept)",
            description = "Honours Idempotency-Key (a replay answers without the link).")
    ResponseEntity<IssuedJson> issue(@RequestBody NewAgency body,
                                     @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                     @AuthenticationPrincipal CurrentUser me) {
        AgencyDesk.Issued[] made = new AgencyDesk.Issued[1];
        var outcome = idempotency.once(me.id(), key, "disclosure.agency", String.valueOf(body), () -> {
            made[0] = agencies.issue(new AgencyDesk.NewAgency(body.name(), body.type(), body.region(),
                    body.publishedLandline(), body.validDays()), me);
            return made[0].agency().id();
        });
        if (made[0] == null) {
            return ResponseEntity.ok(new IssuedJson(DisclosureJson.of(agencies.agency(outcome.id()).orElseThrow()), null, null));
        }
        return ResponseEntity.status(201).body(new IssuedJson(DisclosureJson.of(made[0].agency()), "/le/" + made[0].key(),
                "/api/v1/le/" + made[0].key()));
    }

    @PostMapping("/api/v1/disclosure/agencies/{id}/revocation")
    @PreAuthorize("hasAuthority('DISCLOSURE_ADMIN')")
    @Operation(summary = "Revoke an agency's link at once (its requests stay)")
    DisclosureJson.AgencyJson revoke(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        return DisclosureJson.of(agencies.revoke(id, me));
    }

    @GetMapping("/api/v1/reports/disclosure")
    @PreAuthorize("hasAnyAuthority('DISCLOSURE_REVIEW', 'REPORT_ALL_TEAMS')")
    @Operation(summary = "The half-yearly transparency report: requests per agency type, share with data produced, none, rejected",
            description = "half=2026-H2; the current half-year when absent. Counts only.")
    TransparencyReport.Report report(@RequestParam(required = false) String half) {
        return report.report(half);
    }
}
