package org.kept.workforce.internal;

import org.kept.shared.AuditableEvent;

/** A planner's change the centre works by (a published roster, a forecast override, a business notice), for the audit log. */
record PlanChanged(String actor, String action, String subject, String details) implements AuditableEvent {
}
