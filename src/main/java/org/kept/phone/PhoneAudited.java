package org.kept.phone;

import org.kept.shared.AuditableEvent;

/**
 * A change of the phone module's settings, for the audit log (the Asterisk AMI connection). The details never carry a
 * secret: only whether it was changed.
 */
public record PhoneAudited(String actor, String action, String subject, String details) implements AuditableEvent {
}
