package org.kept.workforce.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.kept.shared.CentreZone;
import org.kept.sla.OnShift;
import org.kept.workforce.PublishedShifts;
import org.kept.workforce.ShiftView;
import org.springframework.stereotype.Component;

/**
 * Who is at work, from PUBLISHED rosters: a person listed on a published roster for that day is on shift only during
 * one of their shifts (breaks count as on shift: they are back within the hour). A person no published roster covers
 * at that time counts as on shift, so centres that do not roster (or not yet, or not that team) behave as before.
 * The same published shifts are offered to other modules as {@link PublishedShifts}.
 */
@Component
class PublishedRosterOnShift implements OnShift, PublishedShifts {

    private final RosterStore store;
    private final CentreZone zone;

    PublishedRosterOnShift(RosterStore store, CentreZone zone) {
        this.store = store;
        this.zone = zone;
    }

    @Override
    public boolean isOnShift(long userId, Instant at) {
        if (!store.publishedShifts(userId, at, at.plusMillis(1)).isEmpty()) {
            return true;
        }
        // a night shift from yesterday's roster may cover this morning; today's roster decides otherwise
        LocalDate day = at.atZone(zone.zone()).toLocalDate();
        return !store.rosteredOn(userId, day);
    }

    @Override
    public List<ShiftView> between(long userId, Instant from, Instant to) {
        return store.publishedShifts(userId, from, to);
    }
}
