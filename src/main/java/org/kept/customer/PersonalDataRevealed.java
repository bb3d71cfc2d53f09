package org.kept.customer;

import org.kept.shared.AuditableEvent;

/** Someone saw a masked value in full, and why. */
public record PersonalDataRevealed(String actor, String subject, String field, String reason) implements AuditableEvent {

    @Override
    public String action() {
        return "pii.reveal";
    }

    @Override
    public String details() {
        return field + ": " + reason;
    }
}
