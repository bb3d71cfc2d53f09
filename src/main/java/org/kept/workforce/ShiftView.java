package org.kept.workforce;

import java.time.Instant;

/** One published or planned shift of a person, with its meal break. */
public record ShiftView(long id, long rosterId, long userId, String shiftType, Skill skill, Instant startsAt, Instant endsAt,
                        Instant breakStartsAt, Instant breakEndsAt) {
}
