package org.kept.ticket.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.kept.ticket.Channel;
import org.kept.ticket.TicketVolumes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Ticket counts per half hour and channel, grouped in the database over {@code ticket_created_at_idx}. */
@Repository
class TicketVolumeStore implements TicketVolumes {

    private static final int HALF_HOUR = 1800;

    private final JdbcClient jdbc;

    TicketVolumeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Volume> perHalfHour(Instant from, Instant to) {
        return jdbc.sql("select floor(extract(epoch from created_at) / " + HALF_HOUR + "), channel, count(*) from ticket "
                        + "where created_at >= ? and created_at < ? group by 1, 2")
                .params(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new Volume(Instant.ofEpochSecond(rs.getLong(1) * HALF_HOUR),
                        Channel.valueOf(rs.getString(2)), rs.getLong(3)))
                .list();
    }

    @Override
    public Optional<Instant> firstRecorded() {
        return jdbc.sql("select min(created_at) from ticket").query(OffsetDateTime.class).optional()
                .map(OffsetDateTime::toInstant);
    }
}
