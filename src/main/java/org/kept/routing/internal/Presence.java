package org.kept.routing.internal;

import java.time.Instant;
import org.kept.routing.PresenceState;

/** One agent's present state as stored; {@code reason} only when NOT_READY, {@code acwUntil} only in after-contact work. */
public record Presence(long userId, PresenceState state, String reason, Instant since, Instant idleSince,
                       Instant acwUntil, Boolean onShift, int version) {
}
