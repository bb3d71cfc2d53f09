package org.kept.calendar;

import java.util.Optional;
import org.kept.identity.CurrentUser;
import org.kept.shared.IdempotentRequests;

/** Defines calendars and finds them by id; the 24×7 calendar always exists. */
public interface Calendars {

    Optional<BusinessCalendar> find(long id);

    /** Stores a new calendar; with an idempotency key a retried request gives the same calendar. */
    IdempotentRequests.Outcome create(CalendarDefinition definition, CurrentUser actor, String idempotencyKey);

    /** Round the clock, in the centre's time zone: for targets that run on wall-clock time. */
    BusinessCalendar roundTheClock();
}
