package org.kept.sla.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.kept.calendar.BusinessCalendar;

/** Pure deadline arithmetic: targets in working minutes, minus the time the clock stood still. */
final class DeadlineMath {

    static final String FIRST_RESPONSE = "FIRST_RESPONSE";
    static final String NEXT_UPDATE = "NEXT_UPDATE";
    static final String RESOLUTION = "RESOLUTION";
    static final String WARNING = "WARNING";
    static final String BREACH = "BREACH";

    private DeadlineMath() {
    }

    /** A stretch of time the clock stood still. */
    record Pause(Instant from, Instant to) {
    }

    /** One clock's deadline and the moment to warn before it. */
    record Deadline(String clock, Instant due, Instant warnAt) {
    }

    /** Something the scheduler must do at {@code at}; (clock, kind, deadline) identifies it once and for all. */
    record Action(String clock, String kind, Instant deadline, Instant at) {
    }

    /**
     * The moment {@code target} working minutes have run from {@code anchor}, the clock standing still during
     * {@code pauses} (sorted, closed). A pause that began after the deadline had passed does not move it.
     */
    static Instant due(BusinessCalendar calendar, Instant anchor, long target, List<Pause> pauses) {
        Instant due = calendar.addMinutes(anchor, Math.max(0, target));
        for (Pause p : pauses) {
            if (!p.to().isAfter(anchor)) {
                continue;
            }
            Instant from = p.from().isBefore(anchor) ? anchor : p.from();
            if (from.isBefore(due)) {
                due = calendar.addMinutes(p.to(), calendar.minutesBetween(from, due));
            }
        }
        return due;
    }

    /** Working minutes the clock stood still. */
    static long pausedMinutes(BusinessCalendar calendar, List<Pause> pauses) {
        return pauses.stream().mapToLong(p -> calendar.minutesBetween(p.from(), p.to())).sum();
    }

    /** The running clocks of a ticket under one policy; empty while paused. */
    static List<Deadline> deadlines(TicketClock c, Policy p, BusinessCalendar calendar, List<Pause> pauses) {
        List<Deadline> out = new ArrayList<>();
        if (c.paused()) {
            return out;
        }
        if (c.firstResponseAt() == null) {
            out.add(deadline(FIRST_RESPONSE, Math.max(0, p.firstResponseMinutes() - c.firstResponseCut()), p.warnPercent(),
                    m -> due(calendar, c.startedAt(), m, pauses)));
        } else if (p.nextUpdateMinutes() != null && c.updateAnchorAt() != null) {
            out.add(deadline(NEXT_UPDATE, Math.max(0, p.nextUpdateMinutes() - c.updateCut()), p.warnPercent(),
                    m -> due(calendar, c.updateAnchorAt(), m, pauses)));
        }
        long resolution = Math.max(0, p.resolutionMinutes() - c.resolutionCut());
        out.add(deadline(RESOLUTION, resolution, p.warnPercent(), m -> due(calendar, c.startedAt(), m, pauses)));
        return out;
    }

    private static Deadline deadline(String clock, long target, int warnPercent, Function<Long, Instant> after) {
        return new Deadline(clock, after.apply(target), after.apply(target * warnPercent / 100));
    }

    /** Per clock, the earlier deadline of the candidates: a customer tier tightens, never loosens. */
    static List<Deadline> earliest(List<List<Deadline>> candidates) {
        java.util.Map<String, Deadline> best = new java.util.LinkedHashMap<>();
        candidates.forEach(list -> list.forEach(d -> best.merge(d.clock(), d, (a, b) -> b.due().isBefore(a.due()) ? b : a)));
        return List.copyOf(best.values());
    }

    static List<Action> actions(List<Deadline> deadlines) {
        List<Action> out = new ArrayList<>();
        for (Deadline d : deadlines) {
            if (d.warnAt().isBefore(d.due())) {
                out.add(new Action(d.clock(), WARNING, d.due(), d.warnAt()));
            }
            out.add(new Action(d.clock(), BREACH, d.due(), d.due()));
        }
        return out;
    }
}
