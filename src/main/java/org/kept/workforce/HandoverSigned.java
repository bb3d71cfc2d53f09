package org.kept.workforce;

import org.kept.shared.AuditableEvent;

/** A handover sheet (交接班单) signed by the outgoing or the incoming agent; kept in the audit log. */
public record HandoverSigned(String actor, long sheetId, String side, String details) implements AuditableEvent {

    @Override
    public String action() {
        return "handover." + side;
    }

    @Override
    public String subject() {
        return "handover:" + sheetId;
    }
}
