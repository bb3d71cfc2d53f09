package org.kept.workforce.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.kept.shared.KeptException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Stores planners' overrides, one per day and channel (a new one replaces the old). */
@Component
public class ForecastOverrideStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    ForecastOverrideStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<ForecastOverride> forDay(LocalDate day) {
        return jdbc.sql("select for_date, channel, kind, factor, volumes, note from wf_forecast_override where for_date = ? "
                        + "order by channel")
                .param(day)
                .query((rs, n) -> new ForecastOverride(rs.getObject(1, LocalDate.class), rs.getString(2),
                        ForecastOverride.Kind.valueOf(rs.getString(3)), rs.getObject(4) == null ? null : rs.getDouble(4),
                        parse(rs.getString(5)), rs.getString(6)))
                .list();
    }

    @Transactional
    public void save(ForecastOverride o, long by) {
        validate(o);
        jdbc.sql("delete from wf_forecast_override where for_date = ? and channel = ?").params(o.day(), o.channel()).update();
        jdbc.sql("insert into wf_forecast_override (for_date, channel, kind, factor, volumes, note, created_by, created_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(o.day(), o.channel(), o.kind().name(), o.factor(), format(o.volumes()), o.note(), by,
                        OffsetDateTime.now(clock))
                .update();
    }

    @Transactional
    public boolean remove(LocalDate day, String channel) {
        return jdbc.sql("delete from wf_forecast_override where for_date = ? and channel = ?").params(day, channel).update() > 0;
    }

    static void validate(ForecastOverride o) {
        if (o.kind() == ForecastOverride.Kind.MANUAL) {
            if (o.volumes() == null || o.volumes().length != Forecaster.INTERVALS
                    || Arrays.stream(o.volumes()).anyMatch(v -> !Double.isFinite(v) || v < 0 || v > 1_000_000)) {
                throw KeptException.invalid("workforce.override.volumes.invalid", Forecaster.INTERVALS);
            }
        } else if (o.factor() == null || !Double.isFinite(o.factor()) || o.factor() < 0 || o.factor() > 20) {
            throw KeptException.invalid("workforce.override.factor.invalid");
        }
        if (o.note() != null && o.note().length() > 500) {
            throw KeptException.invalid("workforce.override.note.invalid");
        }
    }

    public static double[] parse(String volumes) {
        if (volumes == null || volumes.isBlank()) {
            return null;
        }
        try {
            return Arrays.stream(volumes.split("[,\\s]+")).filter(s -> !s.isBlank()).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw KeptException.invalid("workforce.override.volumes.invalid", Forecaster.INTERVALS);
        }
    }

    static String format(double[] volumes) {
        return volumes == null ? null
                : Arrays.stream(volumes).mapToObj(v -> v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v))
                .collect(Collectors.joining(","));
    }
}
