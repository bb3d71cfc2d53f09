package org.kept.workforce.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.kept.shared.CentreZone;
import org.kept.ticket.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Contacts per channel, day and 30-minute interval in the centre's zone, read from when tickets were created
 * (a read-only query this module owns over the ticket table's {@code created_at} and {@code channel}; indexed by
 * {@code ticket_created_at_idx}).
 */
@Component
public class ContactHistory {

    private final JdbcClient jdbc;
    private final ZoneId zone;

    ContactHistory(JdbcClient jdbc, CentreZone zone) {
        this.jdbc = jdbc;
        this.zone = zone.zone();
    }

    /** Counts for the days from {@code from} (inclusive) to {@code to} (exclusive). */
    public Map<Channel, Map<LocalDate, double[]>> counts(LocalDate from, LocalDate to) {
        Map<Channel, Map<LocalDate, double[]>> result = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            result.put(c, new HashMap<>());
        }
        // counted in the database per half hour of UTC (which are also the centre's half hours in every zone whose
        // offset is a multiple of 30 minutes): a few thousand rows come back however many tickets there were
        jdbc.sql("select floor(extract(epoch from created_at) / 1800), channel, count(*) from ticket "
                        + "where created_at >= ? and created_at < ? group by 1, 2")
                .params(OffsetDateTime.from(from.atStartOfDay(zone)), OffsetDateTime.from(to.atStartOfDay(zone)))
                .query((rs, n) -> {
                    ZonedDateTime at = java.time.Instant.ofEpochSecond(rs.getLong(1) * 1800).atZone(zone);
                    Channel channel = Channel.valueOf(rs.getString(2));
                    double[] day = result.get(channel).computeIfAbsent(at.toLocalDate(), d -> new double[Forecaster.INTERVALS]);
                    day[at.getHour() * 2 + at.getMinute() / 30] += rs.getLong(3);
                    return null;
                }).list();
        return result;
    }

    /** The day the first contact was recorded, if any. */
    public Optional<LocalDate> firstDay() {
        return jdbc.sql("select min(created_at) from ticket").query(OffsetDateTime.class).optional()
                .map(t -> t.atZoneSameInstant(zone).toLocalDate());
    }

}
