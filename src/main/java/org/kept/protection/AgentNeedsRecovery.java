package org.kept.protection;

import java.time.Instant;

/** An agent took a flagged contact and should be not ready (reason: recovery) until {@code until}; routing consumes it. */
public record AgentNeedsRecovery(long userId, long flagId, String level, Instant until) {
}
