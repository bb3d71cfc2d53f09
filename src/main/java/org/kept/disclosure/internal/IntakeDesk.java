package org.kept.disclosure.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.kept.customer.PhoneNumbers;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.UserView;
import org.kept.shared.KeptException;
import org.kept.shared.LocalText;
import org.kept.sla.Notifications;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A request as the officer submits it, through their agency's link: every wrong field named at once, nothing written
 * half. An ordinary request brings its evidence notice and case proof; an emergency (life or safety) may come first and
 * bring them afterwards: it gets a release target ({@code kept.disclosure.emergency-target}, 10 minutes) and a
 * paperwork deadline ({@code kept.disclosure.paperwork-time}), and the reviewers are alerted at once.
 */
@Service
public class IntakeDesk {

    private static final Set<Codes.DocumentKind> CORE = EnumSet.of(Codes.DocumentKind.NOTICE, Codes.DocumentKind.CASE_PROOF);

    private final DisclosureStore store;
    private final AgencyDesk agencies;
    private final Documents documents;
    private final Audit audit;
    private final Notifications notifications;
    private final Directory directory;
    private final Clock clock;
    private final Duration emergencyTarget;
    private final Duration paperworkTime;

    IntakeDesk(DisclosureStore store, AgencyDesk agencies, Documents documents, Audit audit, Notifications notifications,
               Directory directory, Clock clock,
               @Value("${kept.disclosure.emergency-target:PT10M}") Duration emergencyTarget,
               @Value("${kept.disclosure.paperwork-time:P3D}") Duration paperworkTime) {
        this.store = store;
        this.agencies = agencies;
        this.documents = documents;
        this.audit = audit;
        this.notifications = notifications;
        this.directory = directory;
        this.clock = clock;
        this.emergencyTarget = emergencyTarget;
        this.paperworkTime = paperworkTime;
    }

    /** An uploaded file as it came: its kind (NOTICE, CASE_PROOF, INTRO_LETTER, OTHER), name and bytes. */
    public record Upload(String kind, String fileName, byte[] data) {
    }

    public record Submission(String requestType, String caseNo, String legalBasis, String officerName, String badge1,
                             String badge2, String officerContact, String subjectKind, String subjectValue,
                             List<String> fields, Instant from, Instant to, Instant deadline, boolean emergency,
                             String emergencyReason, boolean noNotify, List<Upload> uploads) {
    }

    @Transactional
    public long submit(Agency agency, Submission s) {
        Instant now = clock.instant();
        List<KeptException.Field> wrong = new ArrayList<>();
        if (s.requestType() == null || !agencies.requestTypes().contains(s.requestType())) {
            wrong.add(new KeptException.Field("requestType", "disclosure.requestType.invalid"));
        }
        text(s.caseNo(), 100, "caseNo", wrong);
        text(s.legalBasis(), 1000, "legalBasis", wrong);
        text(s.officerName(), 100, "officerName", wrong);
        String b1 = badge(s.badge1(), "badge1", wrong);
        String b2 = badge(s.badge2(), "badge2", wrong);
        if (b1 != null && b1.equals(b2)) {
            wrong.add(new KeptException.Field("badge2", "disclosure.badges.same"));
        }
        if (s.officerContact() != null && s.officerContact().length() > 40) {
            wrong.add(new KeptException.Field("officerContact", "disclosure.text", 40));
        }
        Codes.SubjectKind kind = null;
        try {
            kind = Codes.SubjectKind.valueOf(String.valueOf(s.subjectKind()));
        } catch (IllegalArgumentException e) {
            wrong.add(new KeptException.Field("subjectKind", "disclosure.subject.kind"));
        }
        String subject = s.subjectValue() == null ? "" : s.subjectValue().strip();
        if (kind == Codes.SubjectKind.PHONE) {
            subject = PhoneNumbers.parse(subject).orElse(null);
            if (subject == null) {
                wrong.add(new KeptException.Field("subjectValue", "disclosure.subject.phone"));
            }
        } else if (subject.isEmpty() || subject.length() > 100) {
            wrong.add(new KeptException.Field("subjectValue", "disclosure.subject.value"));
        }
        List<Codes.DataField> fields = new ArrayList<>();
        for (String f : s.fields() == null ? List.<String>of() : s.fields()) {
            try {
                Codes.DataField d = Codes.DataField.valueOf(f);
                if (!fields.contains(d)) {
                    fields.add(d);
                }
            } catch (IllegalArgumentException e) {
                wrong.add(new KeptException.Field("fields", "disclosure.fields.unknown", String.valueOf(f)));
            }
        }
        if (fields.isEmpty()) {
            wrong.add(new KeptException.Field("fields", "disclosure.fields.none"));
        }
        if (s.from() == null || s.to() == null || !s.from().isBefore(s.to()) || s.from().plus(Duration.ofDays(3660)).isBefore(s.to())) {
            wrong.add(new KeptException.Field("from", "disclosure.range"));
        }
        if (s.deadline() == null || !s.deadline().isAfter(now)) {
            wrong.add(new KeptException.Field("deadline", "disclosure.deadline.past"));
        }
        if (s.emergency() && (s.emergencyReason() == null || s.emergencyReason().isBlank())) {
            wrong.add(new KeptException.Field("emergencyReason", "disclosure.emergency.reason"));
        } else if (s.emergencyReason() != null && s.emergencyReason().length() > 1000) {
            wrong.add(new KeptException.Field("emergencyReason", "disclosure.text", 1000));
        }
        List<Documents.Checked> files = new ArrayList<>();
        List<Upload> uploads = s.uploads() == null ? List.of() : s.uploads();
        if (uploads.size() > 10) {
            wrong.add(new KeptException.Field("documents", "disclosure.document.many"));
        }
        for (int i = 0; i < uploads.size() && i < 10; i++) {
            Upload u = uploads.get(i);
            try {
                files.add(documents.check(u.kind(), u.fileName(), u.data(), "documents[" + i + "]"));
            } catch (KeptException e) {
                wrong.addAll(e.fields());
            }
        }
        Set<Codes.DocumentKind> brought = EnumSet.noneOf(Codes.DocumentKind.class);
        files.forEach(f -> brought.add(f.kind()));
        // the paperwork may follow an emergency, never an ordinary request
        if (!s.emergency() && !brought.containsAll(CORE)) {
            wrong.add(new KeptException.Field("documents", "disclosure.document.missing"));
        }
        if (!wrong.isEmpty()) {
            throw KeptException.invalid(wrong);
        }
        Instant slaDue = s.emergency() ? now.plus(emergencyTarget) : null;
        Instant paperworkDue = s.emergency() ? now.plus(paperworkTime) : null;
        Instant paperworkDone = s.emergency() && brought.containsAll(CORE) ? now : null;
        long id = store.insert(new DisclosureStore.NewRow(agency.id(), s.requestType(), s.caseNo().strip(),
                s.legalBasis().strip(), s.officerName().strip(), b1, b2, blankToNull(s.officerContact()), kind, subject,
                fields, s.from(), s.to(), s.deadline(), s.emergency(), blankToNull(s.emergencyReason()), s.noNotify(), now,
                slaDue, paperworkDue, paperworkDone));
        for (Documents.Checked f : files) {
            store.insertDocument(id, f.kind(), f.name(), f.type(), f.data(), Documents.sha256(f.data()), now);
        }
        String actor = "agency:" + agency.id();
        audit.step(actor, "disclosure.submit", id, agency.type() + " " + agency.name() + " case " + s.caseNo().strip()
                + " " + kind + " fields " + DisclosureStore.codes(fields) + (s.emergency() ? " EMERGENCY" : "")
                + (s.noNotify() ? " no-notify" : "") + " documents " + files.size());
        if (s.emergency()) {
            List<Long> reviewers = directory.staffWith(Permission.DISCLOSURE_REVIEW).stream().map(UserView::id).toList();
            notifications.send(reviewers, "DISCLOSURE_EMERGENCY", null, LocalText.of("disclosure.alert.emergency",
                    Long.toString(id), agency.name(), slaDue));
        }
        return id;
    }

    /** A document that follows the request (an emergency's paperwork); only the asking agency may add it. */
    @Transactional
    public void addDocument(Agency agency, long requestId, Upload u) {
        DisclosureRequest r = store.request(requestId).filter(x -> x.agencyId() == agency.id())
                .orElseThrow(() -> KeptException.notFound("disclosure", requestId));
        if (r.state() == Codes.State.REJECTED) {
            throw KeptException.conflict("disclosure.state.conflict", r.state().name());
        }
        Documents.Checked f = documents.check(u.kind(), u.fileName(), u.data(), "document");
        store.insertDocument(requestId, f.kind(), f.name(), f.type(), f.data(), Documents.sha256(f.data()), clock.instant());
        audit.step("agency:" + agency.id(), "disclosure.document", requestId, f.kind() + " " + f.name() + " " + f.data().length);
    }

    private static void text(String value, int max, String field, List<KeptException.Field> wrong) {
        if (value == null || value.isBlank()) {
            wrong.add(new KeptException.Field(field, "disclosure.required"));
        } else if (value.length() > max) {
            wrong.add(new KeptException.Field(field, "disclosure.text", max));
        }
    }

    /** A police ID number (警号): letters, digits and hyphens, 4 to 20 of them. */
    private static String badge(String value, String field, List<KeptException.Field> wrong) {
        String v = value == null ? "" : value.strip().toUpperCase(java.util.Locale.ROOT);
        if (!v.matches("[A-Z0-9-]{4,20}")) {
            wrong.add(new KeptException.Field(field, "disclosure.badge"));
            return null;
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
