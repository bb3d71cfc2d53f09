package org.kept.customer;

import org.kept.shared.AuditableEvent;

/** A customer was created or changed. */
public record CustomerRecorded(String actor, long customerId, String action, String details) implements AuditableEvent {

    @Override
    public String subject() {
        return "customer:" + customerId;
    }
}
