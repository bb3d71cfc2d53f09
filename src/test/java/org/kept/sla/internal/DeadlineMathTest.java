package org.kept.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kept.calendar.BusinessCalendar;
import org.kept.customer.CustomerTier;

/** The deadline arithmetic alone, at chosen instants: no Spring, no database. */
class DeadlineMathTest {

    static final BusinessCalendar ALL_HOURS = new CalendarLookup.AllHours(ZoneOffset.UTC);
    static final Instant START = Instant.parse("2026-11-23T09:00:00Z");

    static Instant at(String time) {
        return Instant.parse("2026-11-23T" + time + ":00Z");
    }

    @Test
    void withoutPausesTheDeadlineIsTheTargetAfterTheStart() {
        assertThat(DeadlineMath.due(ALL_HOURS, START, 60, List.of())).isEqualTo(at("10:00"));
    }

    @Test
    void aPauseBeforeTheDeadlineMovesItByThePausedTime() {
        List<DeadlineMath.Pause> pauses = List.of(new DeadlineMath.Pause(at("09:20"), at("11:20")));
        assertThat(DeadlineMath.due(ALL_HOURS, START, 60, pauses)).isEqualTo(at("12:00"));
        assertThat(DeadlineMath.pausedMinutes(ALL_HOURS, pauses)).isEqualTo(120);
    }

    @Test
    void aPauseThatBeganAfterTheDeadlineDoesNotMoveIt() {
        List<DeadlineMath.Pause> late = List.of(new DeadlineMath.Pause(at("10:30"), at("12:00")));
        assertThat(DeadlineMath.due(ALL_HOURS, START, 60, late)).as("already breached; a later pause changes nothing")
                .isEqualTo(at("10:00"));
    }

    @Test
    void pausesBeforeTheAnchorDoNotCountForALaterClock() {
        List<DeadlineMath.Pause> earlier = List.of(new DeadlineMath.Pause(at("07:00"), at("08:00")));
        assertThat(DeadlineMath.due(ALL_HOURS, START, 60, earlier)).isEqualTo(at("10:00"));
        List<DeadlineMath.Pause> straddling = List.of(new DeadlineMath.Pause(at("08:30"), at("09:30")));
        assertThat(DeadlineMath.due(ALL_HOURS, START, 60, straddling)).as("only the half hour after the anchor counts")
                .isEqualTo(at("10:30"));
    }

    @Test
    void severalPausesAddUp() {
        List<DeadlineMath.Pause> pauses = List.of(new DeadlineMath.Pause(at("09:10"), at("09:40")),
                new DeadlineMath.Pause(at("10:00"), at("10:15")));
        assertThat(DeadlineMath.due(ALL_HOURS, START, 60, pauses)).isEqualTo(at("10:45"));
    }

    @Test
    void warningsComeAtThePolicysShareAndTheEarlierDeadlineOfBaselineAndTierWins() {
        TicketClock c = TicketClock.start(1, START);
        Policy baseline = new Policy(1, "base", 10, null, null, null, null, null, null, null, 60, 120, 600, 80, 50, 0);
        Policy vip = new Policy(2, "vip", 5, null, null, null, null, null, CustomerTier.VIP, null, 30, 120, 900, 80, 50, 0);
        List<DeadlineMath.Deadline> both = DeadlineMath.earliest(List.of(
                DeadlineMath.deadlines(c, baseline, ALL_HOURS, List.of()), DeadlineMath.deadlines(c, vip, ALL_HOURS, List.of())));
        assertThat(both).extracting(DeadlineMath.Deadline::clock).containsExactly("FIRST_RESPONSE", "RESOLUTION");
        assertThat(both.get(0).due()).as("VIP is tighter on first response").isEqualTo(at("09:30"));
        assertThat(both.get(0).warnAt()).isEqualTo(at("09:24"));
        assertThat(both.get(1).due()).as("VIP's looser resolution does not apply").isEqualTo(at("19:00"));
        assertThat(DeadlineMath.actions(both)).hasSize(4);

        c.pause(org.kept.sla.PauseReason.WAITING_CUSTOMER, at("09:05"));
        assertThat(DeadlineMath.deadlines(c, baseline, ALL_HOURS, List.of())).as("no running clock while paused").isEmpty();
    }
}
