package org.kept.sms;

import java.time.Instant;

/** A customer's SMS reached us (上行短信), recorded as a contact; published once per provider message id. */
public record SmsReceived(long contactId, String fromE164, String text, Long customerId, Instant at) {
}
