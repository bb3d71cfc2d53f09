package org.kept.customer;

import org.kept.shared.AuditableEvent;

/**
 * Someone without personal-data rights looked customers up by a whole phone number or email: the answer confirms
 * the number belongs to a customer, so each look-up is audited (what was asked, masked, and what it found).
 */
public record ContactLookedUp(String actor, String subject, String details) implements AuditableEvent {

    @Override
    public String action() {
        return "customer.lookup";
    }
}
