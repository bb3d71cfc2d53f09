package org.kept.protection.web;

import java.time.Instant;
import java.util.List;
import org.kept.protection.internal.Records;

/** What the API and pages show of flags, restrictions and appeals: identities only ever masked. */
final class ProtectionJson {

    private ProtectionJson() {
    }

    record Flag(long id, long contactId, String level, String channel, Long customerId, Long ticketId, long agentId,
                String note, Instant warnedAt, String warningScript, Instant endedAt, String endReason, Instant createdAt) {
    }

    static Flag of(Records.Flag f) {
        return new Flag(f.id(), f.contactId(), f.level(), f.channel(), f.customerId(), f.ticketId(), f.agentId(), f.note(),
                f.warnedAt(), f.warningScript(), f.endedAt(), f.endReason(), f.createdAt());
    }

    record Restriction(long id, String kind, String identity, Long customerId, String action, String reason, String state,
                       long requestedBy, Instant requestedAt, Long approvedBy, Instant decidedAt, String decisionNote,
                       Instant expiresAt, Instant reviewAt, long hitCount, Instant lastHitAt, List<Long> evidence) {
    }

    static Restriction of(Records.Restriction r, List<Long> evidence, Instant now) {
        return new Restriction(r.id(), r.kind().name(), r.identityMasked(), r.customerId(), r.action().name(), r.reason(),
                r.shownState(now), r.requestedBy(), r.requestedAt(), r.approvedBy(), r.decidedAt(), r.decisionNote(),
                r.expiresAt(), r.reviewAt(), r.hitCount(), r.lastHitAt(), evidence);
    }

    record Appeal(long id, long restrictionId, String text, String state, Long decidedBy, String decisionNote,
                  Instant createdAt, Instant decidedAt) {
    }

    static Appeal of(Records.Appeal a) {
        return new Appeal(a.id(), a.restrictionId(), a.text(), a.state(), a.decidedBy(), a.decisionNote(), a.createdAt(),
                a.decidedAt());
    }
}
