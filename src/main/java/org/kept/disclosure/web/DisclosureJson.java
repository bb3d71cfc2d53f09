package org.kept.disclosure.web;

import java.time.Instant;
import java.util.List;
import org.kept.disclosure.internal.Agency;
import org.kept.disclosure.internal.ChecklistItem;
import org.kept.disclosure.internal.Codes;
import org.kept.disclosure.internal.DisclosureRequest;
import org.kept.disclosure.internal.ReviewDesk;
import org.kept.identity.CurrentUser;
import org.kept.shared.Masking;

/** The disclosure API's shapes; the subject's phone and the officer's contact are masked for roles without PII_VIEW. */
final class DisclosureJson {

    private DisclosureJson() {
    }

    record RequestJson(long id, long agencyId, String requestType, String caseNo, String legalBasis, String officerName,
                       List<String> officerBadges, String officerContact, String subjectKind, String subjectValue,
                       List<String> fieldsAsked, Instant from, Instant to, Instant deadline, boolean emergency,
                       String emergencyReason, boolean noNotify, String state, Instant createdAt, Instant slaDueAt,
                       boolean slaBreached, Instant paperworkDueAt, Instant paperworkDoneAt, boolean paperworkOverdue,
                       String reviewer, Instant reviewedAt, String reviewNote, String approver, Instant decidedAt,
                       String decisionNote, List<String> fieldsApproved, Instant approvedFrom, Instant approvedTo,
                       Instant releasedAt, Boolean produced) {
    }

    record DocumentJson(long id, String kind, String fileName, String contentType, int size, String sha256, Instant uploadedAt) {
    }

    record CheckJson(String code, String label, String documentKind, boolean deferrable, Boolean ok, String note,
                     String checkedBy, Instant checkedAt) {
    }

    record CallbackJson(String calledBy, String number, String outcome, String note, Instant calledAt) {
    }

    record ReleaseJson(Instant expiresAt, int maxUses, int uses) {
    }

    record DetailJson(RequestJson request, String agency, String agencyType, String publishedLandline,
                      List<CheckJson> checklist, List<DocumentJson> documents, List<CallbackJson> callbacks,
                      ReleaseJson release) {
    }

    record AgencyJson(long id, String name, String type, String region, String publishedLandline, String issuedBy,
                      Instant issuedAt, Instant expiresAt, Instant revokedAt) {
    }

    /** What the agency sees of its own request: its state and what is still due, no reviewer's notes. */
    record StatusJson(long id, String caseNo, String state, boolean emergency, Instant createdAt, Instant slaDueAt,
                      Instant deadline, Instant paperworkDueAt, Instant paperworkDoneAt, List<String> documents,
                      Instant releasedAt) {
    }

    static RequestJson of(DisclosureRequest r, CurrentUser reader, Instant now) {
        boolean full = reader.seesPersonalData();
        String subject = r.subjectKind() == Codes.SubjectKind.PHONE && !full ? Masking.phone(r.subjectValue()) : r.subjectValue();
        return new RequestJson(r.id(), r.agencyId(), r.requestType(), r.caseNo(), r.legalBasis(), r.officerName(),
                List.of(r.badge1(), r.badge2()), r.officerContact() == null || full ? r.officerContact()
                : Masking.phone(r.officerContact()), r.subjectKind().name(), subject, names(r.fieldsAsked()), r.rangeFrom(),
                r.rangeTo(), r.deadline(), r.emergency(), text(r.emergencyReason(), reader), r.noNotify(), r.state().name(),
                r.createdAt(), r.slaDueAt(), r.slaBreached(now), r.paperworkDueAt(), r.paperworkDoneAt(),
                r.paperworkOverdue(now), r.reviewerName(), r.reviewedAt(), text(r.reviewNote(), reader), r.approverName(),
                r.decidedAt(), text(r.decisionNote(), reader), names(r.fieldsApproved()), r.approvedFrom(), r.approvedTo(),
                r.releasedAt(), r.produced());
    }

    static DetailJson of(ReviewDesk.Detail d, CurrentUser reader, Instant now, java.util.Locale locale) {
        return new DetailJson(of(d.request(), reader, now), d.agency().name(), d.agency().type().name(),
                d.agency().publishedLandline(),
                d.checklist().stream().map(i -> check(i, d, reader, locale)).toList(),
                d.documents().stream().map(x -> new DocumentJson(x.id(), x.kind().name(), x.fileName(), x.contentType(),
                        x.size(), x.sha256(), x.uploadedAt())).toList(),
                d.callbacks().stream().map(c -> new CallbackJson(c.calledByName(), c.number(), c.outcome().name(),
                        text(c.note(), reader), c.calledAt())).toList(),
                d.release().map(x -> new ReleaseJson(x.expiresAt(), x.maxUses(), x.uses())).orElse(null));
    }

    private static CheckJson check(ChecklistItem i, ReviewDesk.Detail d, CurrentUser reader, java.util.Locale locale) {
        var c = d.check(i.code());
        return new CheckJson(i.code(), i.label(locale), i.documentKind(), i.deferrable(), c.map(x -> x.ok()).orElse(null),
                c.map(x -> text(x.note(), reader)).orElse(null), c.map(x -> x.checkedBy()).orElse(null),
                c.map(x -> x.checkedAt()).orElse(null));
    }

    static AgencyJson of(Agency a) {
        return new AgencyJson(a.id(), a.name(), a.type().name(), a.region(), a.publishedLandline(), a.issuedBy(),
                a.issuedAt(), a.expiresAt(), a.revokedAt());
    }

    static StatusJson status(DisclosureRequest r, List<DisclosureRequest.Document> docs) {
        return new StatusJson(r.id(), r.caseNo(), r.state().name(), r.emergency(), r.createdAt(), r.slaDueAt(), r.deadline(),
                r.paperworkDueAt(), r.paperworkDoneAt(), docs.stream().map(x -> x.kind().name()).toList(), r.releasedAt());
    }

    static List<String> names(List<Codes.DataField> fields) {
        return fields.stream().map(Enum::name).toList();
    }

    static String text(String s, CurrentUser reader) {
        return s == null || reader.seesPersonalData() ? s : Masking.inText(s);
    }
}
