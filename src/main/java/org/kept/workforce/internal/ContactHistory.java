package org.kept.workforce.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.kept.shared.CentreZone;
import org.kept.ticket.Channel;
import org.kept.ticket.TicketVolumes;
import org.springframework.stereotype.Component;

/**
 * Contacts per channel, day and 30-minute interval in the centre's zone: when tickets were recorded, as the ticket
 * module counts them ({@link TicketVolumes}).
 */
@Component
public class ContactHistory {

    private final TicketVolumes volumes;
    private final ZoneId zone;

    ContactHistory(TicketVolumes volumes, CentreZone zone) {
        this.volumes = volumes;
        this.zone = zone.zone();
    }

    /** Counts for the days from {@code from} (inclusive) to {@code to} (exclusive). */
    public Map<Channel, Map<LocalDate, double[]>> counts(LocalDate from, LocalDate to) {
        Map<Channel, Map<LocalDate, double[]>> result = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            result.put(c, new HashMap<>());
        }
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.atStartOfDay(zone).toInstant();
        for (TicketVolumes.Volume v : volumes.perHalfHour(start, end)) {
            ZonedDateTime at = v.start().atZone(zone);
            double[] day = result.get(v.channel()).computeIfAbsent(at.toLocalDate(), d -> new double[Forecaster.INTERVALS]);
            day[at.getHour() * 2 + at.getMinute() / 30] += v.tickets();
        }
        return result;
    }

    /** The day the first contact was recorded, if any. */
    public Optional<LocalDate> firstDay() {
        return volumes.firstRecorded().map(t -> t.atZone(zone).toLocalDate());
    }
}
