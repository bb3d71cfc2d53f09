package org.kept.disclosure.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import org.kept.disclosure.internal.Agency;
import org.kept.disclosure.internal.AgencyDesk;
import org.kept.disclosure.internal.DisclosureRequest;
import org.kept.disclosure.internal.IntakeDesk;
import org.kept.disclosure.internal.ReviewDesk;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.KeptException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The requesting agency's API (调证接口): submit a request with its documents, follow it, add the paperwork that
 * follows an emergency. Authorised by the agency's link key in the path (see {@link DisclosureSecurity}).
 */
@RestController
@Tag(name = "disclosure (agency)")
class AgencyApi {

    private final AgencyDesk agencies;
    private final IntakeDesk intake;
    private final ReviewDesk review;
    private final IdempotentRequests idempotency;

    AgencyApi(AgencyDesk agencies, IntakeDesk intake, ReviewDesk review, IdempotentRequests idempotency) {
        this.agencies = agencies;
        this.intake = intake;
        this.review = review;
        this.idempotency = idempotency;
    }

    /** A document in the body: its kind (NOTICE, CASE_PROOF, INTRO_LETTER, OTHER), name and base64 content. */
    record DocumentBody(String kind, String fileName, String contentBase64) {
    }

    record Subject(String kind, String value) {
    }

    record NewRequest(String requestType, String caseNo, String legalBasis, String officerName, List<String> officerBadges,
                      String officerContact, Subject subject, List<String> fields, OffsetDateTime from, OffsetDateTime to,
                      OffsetDateTime deadline, Boolean emergency, String emergencyReason, Boolean noNotify,
                      List<DocumentBody> documents) {
    }

    @PostMapping("/api/v1/le/{key}/requests")
    @Operation(summary = "Submit a disclosure request with its documents (the agency's link key is the authorisation)",
            description = "Every wrong field is named at once (422). An ordinary request needs the evidence notice (NOTICE) "
                    + "and the case proof (CASE_PROOF); an emergency may send them later. Honours Idempotency-Key.")
    ResponseEntity<DisclosureJson.StatusJson> submit(@PathVariable String key, @RequestBody NewRequest body,
                                                     @RequestHeader(name = "Idempotency-Key", required = false) String idem) {
        Agency agency = agency(key);
        IntakeDesk.Submission s = submission(body);
        // an agency is no Kept user: its requests' keys live under the negative of its id
        long id = idempotency.once(-agency.id(), idem, "disclosure.submit", fingerprint(body),
                () -> intake.submit(agency, s)).id();
        DisclosureRequest r = review.get(id);
        return ResponseEntity.created(URI.create("/api/v1/le/" + key + "/requests/" + id))
                .body(DisclosureJson.status(r, review.documents(id)));
    }

    @GetMapping("/api/v1/le/{key}/requests/{id}")
    @Operation(summary = "The state of one of the agency's own requests, and what is still due")
    DisclosureJson.StatusJson status(@PathVariable String key, @PathVariable long id) {
        Agency agency = agency(key);
        DisclosureRequest r = review.get(id);
        if (r.agencyId() != agency.id()) {
            throw KeptException.notFound("disclosure", id);
        }
        return DisclosureJson.status(r, review.documents(id));
    }

    @PostMapping("/api/v1/le/{key}/requests/{id}/documents")
    @Operation(summary = "Add a document to one of the agency's own requests (an emergency's paperwork)")
    ResponseEntity<DisclosureJson.StatusJson> document(@PathVariable String key, @PathVariable long id,
                                                       @RequestBody DocumentBody body) {
        Agency agency = agency(key);
        intake.addDocument(agency, id, upload(body, "document"));
        return ResponseEntity.status(201).body(DisclosureJson.status(review.get(id), review.documents(id)));
    }

    private Agency agency(String key) {
        return agencies.byKey(key).orElseThrow(() -> KeptException.notFound("disclosure-agency", "link"));
    }

    static IntakeDesk.Submission submission(NewRequest b) {
        List<String> badges = b.officerBadges() == null ? List.of() : b.officerBadges();
        List<IntakeDesk.Upload> uploads = new java.util.ArrayList<>();
        List<DocumentBody> docs = b.documents() == null ? List.of() : b.documents();
        for (int i = 0; i < docs.size(); i++) {
            uploads.add(upload(docs.get(i), "documents[" + i + "]"));
        }
        return new IntakeDesk.Submission(b.requestType(), b.caseNo(), b.legalBasis(), b.officerName(),
                badges.size() > 0 ? badges.get(0) : null, badges.size() > 1 ? badges.get(1) : null, b.officerContact(),
                b.subject() == null ? null : b.subject().kind(), b.subject() == null ? null : b.subject().value(), b.fields(),
                b.from() == null ? null : b.from().toInstant(), b.to() == null ? null : b.to().toInstant(),
                b.deadline() == null ? null : b.deadline().toInstant(), Boolean.TRUE.equals(b.emergency()),
                b.emergencyReason(), Boolean.TRUE.equals(b.noNotify()), uploads);
    }

    private static IntakeDesk.Upload upload(DocumentBody d, String field) {
        try {
            return new IntakeDesk.Upload(d.kind(), d.fileName(),
                    d.contentBase64() == null ? null : Base64.getMimeDecoder().decode(d.contentBase64()));
        } catch (IllegalArgumentException e) {
            throw KeptException.invalid(List.of(new KeptException.Field(field, "disclosure.document.base64")));
        }
    }

    private static String fingerprint(NewRequest b) {
        StringBuilder s = new StringBuilder();
        s.append(b.requestType()).append('\u001f').append(b.caseNo()).append('\u001f').append(b.legalBasis()).append('\u001f')
                .append(b.officerName()).append('\u001f').append(b.officerBadges()).append('\u001f')
                .append(b.subject()).append('\u001f').append(b.fields()).append('\u001f').append(b.from()).append('\u001f')
                .append(b.to()).append('\u001f').append(b.deadline()).append('\u001f').append(b.emergency()).append('\u001f')
                .append(b.noNotify());
        if (b.documents() != null) {
            b.documents().forEach(d -> s.append('\u001f').append(d.kind()).append(':')
                    .append(org.kept.shared.Sha256.hex(String.valueOf(d.contentBase64()))));
        }
        return s.toString();
    }
}
