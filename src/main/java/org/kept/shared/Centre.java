package org.kept.shared;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The centre itself: the name and time zone its first administrator gave it at setup. Before that (and on the demo
 * centre) the zone is the {@code kept.time-zone} setting and there is no name. Read once at start; other instances
 * pick up a setup made elsewhere when they next start (setup happens on an empty centre, before any ticket exists).
 */
@Component
public class Centre {

    private static final int MAX_NAME = 100;

    private final JdbcClient jdbc;
    private final CentreZone zone;
    private final Clock clock;
    private volatile String name;

    Centre(JdbcClient jdbc, CentreZone zone, Clock clock) {
        this.jdbc = jdbc;
        this.zone = zone;
        this.clock = clock;
        stored().ifPresent(row -> {
            name = row[0];
            zone.moveTo(ZoneId.of(row[1]));
        });
    }

    /** The name given at setup, if any. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * Names the centre and sets its zone, in the caller's transaction; refuses an empty or long name
     * ({@code error.centre.name}) and an unknown zone ({@code error.centre.zone}).
     */
    public void define(String centreName, String timeZone) {
        String value = centreName == null ? "" : centreName.strip();
        if (value.isEmpty() || value.length() > MAX_NAME) {
            throw KeptException.invalid("error.centre.name");
        }
        ZoneId chosen = zoneOf(timeZone);
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("update centre_setting set name = ?, time_zone = ?, updated_at = ? where id = 1")
                .params(value, chosen.getId(), now).update();
        if (updated == 0) {
            jdbc.sql("insert into centre_setting (id, name, time_zone, updated_at) values (1, ?, ?, ?)")
                    .params(value, chosen.getId(), now).update();
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // only once the choice is stored: a setup refused after this line leaves the zone as it was
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    use(value, chosen);
                }
            });
        } else {
            use(value, chosen);
        }
    }

    private void use(String centreName, ZoneId chosen) {
        name = centreName;
        zone.moveTo(chosen);
    }

    /** A zone id as typed ("Asia/Shanghai"); refused with {@code error.centre.zone} when Java does not know it. */
    public static ZoneId zoneOf(String timeZone) {
        try {
            return ZoneId.of(timeZone == null ? "" : timeZone.strip());
        } catch (DateTimeException e) {
            throw KeptException.invalid("error.centre.zone", String.valueOf(timeZone));
        }
    }

    private Optional<String[]> stored() {
        return jdbc.sql("select name, time_zone from centre_setting where id = 1")
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
    }
}
