package org.kept.sla.web;

import org.kept.identity.CurrentUser;
import org.kept.shared.Masking;
import org.kept.sla.Notification;
import org.kept.sla.internal.CommitmentDesk;
import org.kept.sla.internal.EscalationBoard;

/** Free text (subjects, promises, reasons) masked at the edge for roles that do not see personal data. */
final class SlaMasking {

    private SlaMasking() {
    }

    static Notification of(Notification n, CurrentUser viewer) {
        return viewer.seesPersonalData() ? n : new Notification(n.id(), n.kind(), n.ticketId(),
                Masking.inText(n.body()), n.createdAt(), n.readAt());
    }

    static CommitmentDesk.Commitment of(CommitmentDesk.Commitment c, CurrentUser viewer) {
        return viewer.seesPersonalData() ? c : new CommitmentDesk.Commitment(c.id(), c.ticketId(), c.ticketNumber(),
                c.ownerId(), c.teamId(), Masking.inText(c.promise()), c.due(), c.state(), Masking.inText(c.outcome()),
                c.version(), c.callBack());
    }

    static EscalationBoard.Row of(EscalationBoard.Row r, CurrentUser viewer) {
        return viewer.seesPersonalData() ? r : new EscalationBoard.Row(r.ticketId(), r.number(), Masking.inText(r.subject()),
                r.priority(), r.state(), r.teamId(), r.assigneeId(), r.escalationAt(), r.minutesToBreach(),
                r.escalationLevel(), r.waitingSince(), r.minutesWaited(), r.expedites(), r.createdAt());
    }
}
