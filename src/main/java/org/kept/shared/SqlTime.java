package org.kept.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants to and from {@code timestamp with time zone} columns, the one conversion every store uses. Both databases
 * keep microseconds (PostgreSQL rounds what is finer, H2 cuts it), so an instant is cut to microseconds before it is
 * written: what a store holds in memory is then exactly what it reads back, on either database.
 */
public final class SqlTime {

    private SqlTime() {
    }

    public static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /** The clock's now, as it will be stored. */
    public static OffsetDateTime now(Clock clock) {
        return utc(clock.instant());
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
