package org.kept.sla;

import java.time.Instant;

/**
 * Whether a person is at work at a moment. Workforce planning provides it from published rosters; without a provider
 * every active staff member counts as on shift.
 */
public interface OnShift {

    boolean isOnShift(long userId, Instant at);
}
