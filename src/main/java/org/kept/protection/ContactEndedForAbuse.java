package org.kept.protection;

/** An agent ended a contact for abuse, with the reason; the telephony adapter plays the prompt and hangs up. */
public record ContactEndedForAbuse(long contactId, long flagId, String reason, long by) {
}
