package org.kept.disclosure.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.kept.identity.CurrentUser;
import org.kept.shared.KeptException;
import org.kept.shared.Masking;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The compliance officer's review (审核): each checklist item of the request's type marked, an emergency verified by
 * a call to the agency's published landline, then reviewed (or rejected). The approval that follows is another
 * person's ({@link ReleaseDesk}). An emergency's deferred paperwork is marked received here. Every step is audited.
 */
@Service
public class ReviewDesk {

    private final DisclosureStore store;
    private final AgencyDesk agencies;
    private final Audit audit;
    private final Clock clock;

    ReviewDesk(DisclosureStore store, AgencyDesk agencies, Audit audit, Clock clock) {
        this.store = store;
        this.agencies = agencies;
        this.audit = audit;
        this.clock = clock;
    }

    /** Everything the review page shows about one request. */
    public record Detail(DisclosureRequest request, Agency agency, List<ChecklistItem> checklist,
                         List<DisclosureRequest.Check> checks, List<DisclosureRequest.Document> documents,
                         List<DisclosureRequest.Callback> callbacks, Optional<Release> release) {

        public Optional<DisclosureRequest.Check> check(String code) {
            return checks.stream().filter(c -> c.itemCode().equals(code)).findFirst();
        }

        public boolean verified() {
            return callbacks.stream().anyMatch(c -> c.outcome() == Codes.CallbackOutcome.CONFIRMED);
        }

        public Set<Codes.DocumentKind> brought() {
            Set<Codes.DocumentKind> kinds = EnumSet.noneOf(Codes.DocumentKind.class);
            documents.forEach(d -> kinds.add(d.kind()));
            return kinds;
        }
    }

    public DisclosureRequest get(long id) {
        return store.request(id).orElseThrow(() -> KeptException.notFound("disclosure", id));
    }

    public Detail detail(long id) {
        DisclosureRequest r = get(id);
        return new Detail(r, agencies.agency(r.agencyId()).orElseThrow(),
                store.checklist(r.requestType()).stream().filter(ChecklistItem::active).toList(), store.checks(id),
                store.documents(id), store.callbacks(id), store.releaseOf(id));
    }

    /**
     * One masked value of a request in full (the subject's phone, the officer's contact), for a reviewer allowed to
     * reveal personal data and a reason: the same rule and the same audit entry ({@code pii.reveal}) as a customer's
     * or a ticket's phone revealed in the console.
     */
    public String reveal(long id, String field, String reason, CurrentUser by) {
        if (!by.can(org.kept.identity.Permission.PII_REVEAL) && !by.can(org.kept.identity.Permission.PII_VIEW)) {
            throw KeptException.forbidden("error.forbidden");
        }
        if (reason == null || reason.strip().length() < 4 || reason.length() > 500) {
            throw KeptException.invalid("error.reveal.reason");
        }
        DisclosureRequest r = get(id);
        String value = switch (field == null ? "" : field) {
            case "subject" -> r.subjectValue();
            case "officerContact" -> r.officerContact();
            default -> throw KeptException.invalid("error.reveal.field", field);
        };
        if (value == null || value.isBlank()) {
            throw KeptException.invalid("error.reveal.none");
        }
        audit.revealed(by.username(), id, field, reason.strip());
        return value;
    }

    public List<DisclosureRequest> queue(int limit) {
        return store.queue(limit);
    }

    public List<DisclosureRequest> paperworkPending(int limit) {
        return store.paperworkPending(limit);
    }

    public List<DisclosureRequest.Document> documents(long requestId) {
        return store.documents(requestId);
    }

    public List<DisclosureRequest> ofAgency(long agencyId, int limit) {
        return store.ofAgency(agencyId, limit);
    }

    public Optional<byte[]> document(long requestId, long documentId, CurrentUser by) {
        Optional<byte[]> data = store.documentData(requestId, documentId);
        data.ifPresent(d -> audit.step(by.username(), "disclosure.document.open", requestId, "document " + documentId));
        return data;
    }

    /** Marks one item; an item about a document cannot be passed before that document has arrived. */
    @Transactional
    public Detail check(long id, String code, boolean ok, String note, CurrentUser me) {
        Detail d = detail(id);
        d.request().mustBe(Codes.State.SUBMITTED);
        ChecklistItem item = d.checklist().stream().filter(i -> i.code().equals(code)).findFirst()
                .orElseThrow(() -> KeptException.notFound("disclosure-checklist-item", code));
        if (ok && item.documentKind() != null && !d.brought().contains(Codes.DocumentKind.valueOf(item.documentKind()))) {
            throw KeptException.invalid("disclosure.check.noDocument", item.documentKind());
        }
        String n = note == null || note.isBlank() ? null : Masking.cut(note.strip(), 1000);
        store.saveCheck(id, code, ok, n, me.username(), clock.instant());
        audit.step(me.username(), "disclosure.check", id, code + (ok ? " ok" : " not ok") + (n == null ? "" : ": " + n));
        return detail(id);
    }

    /** A verification call: the number is the agency's published landline, never one from the request. */
    @Transactional
    public Detail callback(long id, String outcome, String note, CurrentUser me) {
        Detail d = detail(id);
        if (!d.request().open()) {
            throw KeptException.conflict("disclosure.state.conflict", d.request().state().name());
        }
        Codes.CallbackOutcome o;
        try {
            o = Codes.CallbackOutcome.valueOf(String.valueOf(outcome));
        } catch (IllegalArgumentException e) {
            throw KeptException.invalid(List.of(new KeptException.Field("outcome", "disclosure.callback.outcome")));
        }
        String n = note == null || note.isBlank() ? null : Masking.cut(note.strip(), 1000);
        String number = d.agency().publishedLandline();
        store.insertCallback(id, me.id(), me.displayName(), number, o, n, clock.instant());
        audit.step(me.username(), "disclosure.callback", id, number + " " + o + (n == null ? "" : ": " + n));
        return detail(id);
    }

    /**
     * Reviewed: every active item passed (an emergency's deferrable items may wait for the paperwork) and, for an
     * emergency, the agency confirmed it on its published landline.
     */
    @Transactional
    public Detail review(long id, String note, CurrentUser me) {
        Detail d = detail(id);
        DisclosureRequest r = d.request();
        r.mustBe(Codes.State.SUBMITTED);
        List<String> missing = d.checklist().stream()
                .filter(i -> !(r.emergency() && i.deferrable()))
                .filter(i -> d.check(i.code()).map(c -> !c.ok()).orElse(true))
                .map(ChecklistItem::code).toList();
        if (!missing.isEmpty()) {
            throw KeptException.invalid("disclosure.review.incomplete", String.join(", ", missing));
        }
        if (r.emergency() && !d.verified()) {
            throw KeptException.invalid("disclosure.review.unverified");
        }
        String n = note == null || note.isBlank() ? null : Masking.cut(note.strip(), 1000);
        if (!store.reviewed(id, me.id(), me.displayName(), n, clock.instant())) {
            throw KeptException.conflict("disclosure.state.conflict", get(id).state().name());
        }
        audit.step(me.username(), "disclosure.review", id, "reviewed" + (n == null ? "" : ": " + n));
        return detail(id);
    }

    /** Refused at review (forged papers, no case, not confirmed): the request ends, nothing is released. */
    @Transactional
    public Detail reject(long id, String note, CurrentUser me) {
        DisclosureRequest r = get(id);
        r.mustBe(Codes.State.SUBMITTED);
        if (note == null || note.isBlank()) {
            throw KeptException.invalid(List.of(new KeptException.Field("note", "disclosure.required")));
        }
        if (!store.rejectedAtReview(id, me.id(), me.displayName(), Masking.cut(note.strip(), 1000), clock.instant())) {
            throw KeptException.conflict("disclosure.state.conflict", get(id).state().name());
        }
        audit.step(me.username(), "disclosure.reject", id, "at review: " + note.strip());
        return detail(id);
    }

    /** The emergency's deferred documents have arrived: the evidence notice and the case proof at least. */
    @Transactional
    public Detail paperworkReceived(long id, CurrentUser me) {
        Detail d = detail(id);
        if (d.request().paperworkDueAt() == null || d.request().paperworkDoneAt() != null) {
            throw KeptException.conflict("disclosure.paperwork.notDue");
        }
        Set<String> needed = d.checklist().stream().filter(ChecklistItem::deferrable)
                .map(ChecklistItem::documentKind).filter(k -> k != null).collect(Collectors.toSet());
        List<String> absent = needed.stream().filter(k -> !d.brought().contains(Codes.DocumentKind.valueOf(k))).sorted().toList();
        if (!absent.isEmpty()) {
            throw KeptException.invalid("disclosure.paperwork.absent", String.join(", ", absent));
        }
        Instant now = clock.instant();
        store.paperworkDone(id, me.username(), now);
        audit.step(me.username(), "disclosure.paperwork", id, "received" + (d.request().paperworkOverdue(now) ? " late" : ""));
        return detail(id);
    }
}
