package org.kept.aftersales.internal;

import java.time.Instant;

/** The one pickup of a return: where and when the courier collects the goods (address and phone unmasked). */
public record Pickup(long id, long caseId, String address, String phone, Instant windowStart, String state) {
}
