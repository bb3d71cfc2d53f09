package org.kept.calendar;

import org.kept.shared.AuditableEvent;

/** A calendar was created or changed; the audit log records it, and deadlines computed later use the new hours. */
public record CalendarChanged(long calendarId, String actor, String action, String details) implements AuditableEvent {

    @Override
    public String subject() {
        return "calendar:" + calendarId;
    }
}
