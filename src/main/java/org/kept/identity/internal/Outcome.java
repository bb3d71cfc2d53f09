package org.kept.identity.internal;

/** The id a create produced, and whether it was produced earlier for the same Idempotency-Key (a replay). */
public record Outcome(long id, boolean replayed) {
}
