package org.kept.routing.internal;

import java.time.Instant;
import org.kept.routing.PresenceState;

/** One line of an agent's presence history; {@code byUser} null when the system changed it (work, timer). */
public record PresenceChange(long userId, PresenceState state, String reason, Instant at, Long byUser) {
}
