package org.kept.calendar.internal;

import org.kept.calendar.CalendarDefinition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Calendars in three tables: the calendar, its weekly periods, its dated exceptions (holidays and make-up days). */
@Repository
class CalendarStore {

    private static final String HOLIDAY = "HOLIDAY";
    private static final String WORKING = "WORKING";

    private final JdbcClient jdbc;

    CalendarStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(CalendarDefinition definition, OffsetDateTime now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into business_calendar (name, time_zone, round_the_clock, created_at, updated_at, version) "
                        + "values (?, ?, ?, ?, ?, 0)")
                .params(definition.name(), definition.zone().getId(), definition.roundTheClock(), now, now)
                .update(keys, "id");
        long id = keys.getKey().longValue();
        insertParts(id, definition);
        return id;
    }

    /** False when the version is not the stored one (someone changed it first). */
    boolean update(long id, CalendarDefinition definition, int version, OffsetDateTime now) {
        int changed = jdbc.sql("update business_calendar set name = ?, time_zone = ?, round_the_clock = ?, updated_at = ?, "
                        + "version = version + 1 where id = ? and version = ?")
                .params(definition.name(), definition.zone().getId(), definition.roundTheClock(), now, id, version)
                .update();
        if (changed == 0) {
            return false;
        }
        jdbc.sql("delete from business_calendar_period where calendar_id = ?").param(id).update();
        jdbc.sql("delete from business_calendar_date where calendar_id = ?").param(id).update();
        insertParts(id, definition);
        return true;
    }

    private void insertParts(long id, CalendarDefinition definition) {
        for (CalendarDefinition.Period p : definition.weeklyHours()) {
            jdbc.sql("insert into business_calendar_period (calendar_id, weekday, starts_min, ends_min) values (?, ?, ?, ?)")
                    .params(id, p.day().getValue(), p.fromMinute(), p.toMinute()).update();
        }
        for (CalendarDefinition.DateRange range : definition.holidays()) {
            insertDate(id, HOLIDAY, range.first(), range.last());
        }
        for (LocalDate day : definition.workingDays()) {
            insertDate(id, WORKING, day, day);
        }
    }

    private void insertDate(long id, String kind, LocalDate first, LocalDate last) {
        jdbc.sql("insert into business_calendar_date (calendar_id, kind, first_day, last_day) values (?, ?, ?, ?)")
                .params(id, kind, first, last).update();
    }

    Optional<Integer> version(long id) {
        return jdbc.sql("select version from business_calendar where id = ?").param(id).query(Integer.class).optional();
    }

    Optional<StoredCalendar> find(long id) {
        return all("where id = ?", id).stream().findFirst();
    }

    List<StoredCalendar> list() {
        return all("");
    }

    private record Head(long id, String name, String zone, boolean roundTheClock, int version, OffsetDateTime createdAt,
                        OffsetDateTime updatedAt) {
    }

    private List<StoredCalendar> all(String where, Object... params) {
        List<Head> heads = jdbc.sql("select id, name, time_zone, round_the_clock, version, created_at, updated_at "
                        + "from business_calendar " + where + " order by name, id")
                .params(params).query(CalendarStore::head).list();
        if (heads.isEmpty()) {
            return List.of();
        }
        String ids = where.isEmpty() ? "" : "where calendar_id = " + heads.get(0).id();
        Map<Long, List<CalendarDefinition.Period>> periods = new HashMap<>();
        jdbc.sql("select calendar_id, weekday, starts_min, ends_min from business_calendar_period " + ids)
                .query(rs -> {
                    periods.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new CalendarDefinition.Period(
                            DayOfWeek.of(rs.getInt(2)), rs.getInt(3), rs.getInt(4)));
                });
        Map<Long, List<CalendarDefinition.DateRange>> holidays = new HashMap<>();
        Map<Long, List<LocalDate>> working = new HashMap<>();
        jdbc.sql("select calendar_id, kind, first_day, last_day from business_calendar_date " + ids + " order by first_day")
                .query(rs -> {
                    LocalDate first = rs.getObject(3, LocalDate.class);
                    if (HOLIDAY.equals(rs.getString(2))) {
                        holidays.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                .add(new CalendarDefinition.DateRange(first, rs.getObject(4, LocalDate.class)));
                    } else {
                        working.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(first);
                    }
                });
        return heads.stream().map(h -> new StoredCalendar(h.id(), new CalendarDefinition(h.name(), ZoneId.of(h.zone()),
                h.roundTheClock(), periods.getOrDefault(h.id(), List.of()), holidays.getOrDefault(h.id(), List.of()),
                working.getOrDefault(h.id(), List.of())), h.version(), h.createdAt(), h.updatedAt())).toList();
    }

    private static Head head(ResultSet rs, int row) throws SQLException {
        return new Head(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getInt(5),
                rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class));
    }
}
