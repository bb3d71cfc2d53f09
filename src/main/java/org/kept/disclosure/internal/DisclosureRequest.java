package org.kept.disclosure.internal;

import java.time.Instant;
import java.util.List;
import org.kept.shared.KeptException;

/**
 * A lawful-disclosure request (调证申请) as stored: never edited after submission. Its transitions are guarded here
 * (review once, approve only after review and never by the reviewer) and written by {@link DisclosureStore} alone.
 */
public record DisclosureRequest(long id, long agencyId, String requestType, String caseNo, String legalBasis,
                                String officerName, String badge1, String badge2, String officerContact,
                                Codes.SubjectKind subjectKind, String subjectValue, List<Codes.DataField> fieldsAsked,
                                Instant rangeFrom, Instant rangeTo, Instant deadline, boolean emergency,
                                String emergencyReason, boolean noNotify, Codes.State state, Instant createdAt,
                                Instant slaDueAt, Instant paperworkDueAt, Instant paperworkDoneAt, Long reviewerId,
                                String reviewerName, Instant reviewedAt, String reviewNote, Long approverId,
                                String approverName, Instant decidedAt, String decisionNote,
                                List<Codes.DataField> fieldsApproved, Instant approvedFrom, Instant approvedTo,
                                Instant releasedAt, Boolean produced) {

    /** A document's facts (its bytes are read only when someone opens it). */
    public record Document(long id, Codes.DocumentKind kind, String fileName, String contentType, int size, String sha256,
                           Instant uploadedAt) {
    }

    /** The reviewer's mark on one checklist item. */
    public record Check(String itemCode, boolean ok, String note, String checkedBy, Instant checkedAt) {
    }

    /** A verification call to the agency's published landline. */
    public record Callback(long id, String calledByName, String number, Codes.CallbackOutcome outcome, String note,
                           Instant calledAt) {
    }

    void mustBe(Codes.State expected) {
        if (state != expected) {
            throw KeptException.conflict("disclosure.state.conflict", state.name());
        }
    }

    /** The two-person rule (双人复核): the approver is never the reviewer. */
    void mayBeApprovedBy(long userId) {
        mustBe(Codes.State.REVIEWED);
        if (reviewerId != null && reviewerId == userId) {
            throw KeptException.forbidden("disclosure.selfApproval");
        }
    }

    public boolean open() {
        return state == Codes.State.SUBMITTED || state == Codes.State.REVIEWED;
    }

    /** An emergency not released by its target time. */
    public boolean slaBreached(Instant now) {
        return emergency && open() && slaDueAt != null && !now.isBefore(slaDueAt);
    }

    /** An emergency's documents that were due afterwards and have not been received in time. */
    public boolean paperworkOverdue(Instant now) {
        return paperworkDueAt != null && paperworkDoneAt == null && state != Codes.State.REJECTED && !now.isBefore(paperworkDueAt);
    }

    public boolean paperworkPending() {
        return paperworkDueAt != null && paperworkDoneAt == null && state != Codes.State.REJECTED;
    }
}
