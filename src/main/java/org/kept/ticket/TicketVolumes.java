package org.kept.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How many tickets were recorded, per channel and half hour: the contact history workforce planning forecasts from.
 * Counted in the database, so a few thousand rows come back however many tickets there were.
 */
public interface TicketVolumes {

    /** Counts per half hour of UTC (also the centre's half hours in any zone whose offset is a multiple of 30 minutes). */
    List<Volume> perHalfHour(Instant from, Instant to);

    /** When the first ticket was recorded, if any. */
    Optional<Instant> firstRecorded();

    /** Tickets recorded through one channel in the half hour starting at {@code start}. */
    record Volume(Instant start, Channel channel, long tickets) {
    }
}
