package org.kept.calendar.internal;

import org.kept.calendar.CalendarDefinition;
import java.time.OffsetDateTime;

/** A calendar as stored: its definition, and the version a change must name (optimistic locking). */
public record StoredCalendar(long id, CalendarDefinition definition, int version, OffsetDateTime createdAt,
                             OffsetDateTime updatedAt) {
}
