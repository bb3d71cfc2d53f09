package org.kept.workforce.internal;

import static org.kept.shared.SqlTime.instant;
import static org.kept.shared.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.kept.shared.KeptException;
import org.kept.workforce.RosterState;
import org.kept.workforce.ShiftView;
import org.kept.workforce.Skill;
import org.kept.workforce.internal.roster.RosterRules;
import org.kept.workforce.internal.roster.RosterAgent;
import org.kept.workforce.internal.roster.ShiftType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Rosters, their members, requirements and shifts, and people's availability, in plain SQL. */
@Component
public class RosterStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    RosterStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public long create(String name, Long teamId, LocalDate startsOn, int days, RosterRules rules, int shrinkagePercent,
                       long by) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into wf_roster (name, team_id, starts_on, days, state, rest_minutes, work_days_per_week, "
                        + "week_minutes, overtime_month_minutes, shrinkage_percent, created_by, created_at) "
                        + "values (?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?)")
                .params(name, teamId, startsOn, days, rules.minRestMinutes(), rules.maxWorkDaysPerWeek(),
                        rules.maxWeekMinutes(), rules.overtimeMonthMinutes(), shrinkagePercent, by, OffsetDateTime.now(clock))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /**
     * A new version of a roster: same name, team, period, rules, members with their skills and requirement, in DRAFT
     * and pointing at the roster it replaces.
     */
    public long copyAsNewVersion(long replacedId, long by) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into wf_roster (name, team_id, starts_on, days, state, rest_minutes, work_days_per_week, "
                        + "week_minutes, overtime_month_minutes, shrinkage_percent, created_by, created_at, replaces_id) "
                        + "select name, team_id, starts_on, days, 'DRAFT', rest_minutes, work_days_per_week, week_minutes, "
                        + "overtime_month_minutes, shrinkage_percent, ?, ?, id from wf_roster where id = ?")
                .params(by, OffsetDateTime.now(clock), replacedId)
                .update(keys, "id");
        long id = keys.getKey().longValue();
        jdbc.sql("insert into wf_roster_member (roster_id, user_id) select ?, user_id from wf_roster_member where roster_id = ?")
                .params(id, replacedId).update();
        jdbc.sql("insert into wf_roster_member_skill (roster_id, user_id, skill) select ?, user_id, skill "
                + "from wf_roster_member_skill where roster_id = ?").params(id, replacedId).update();
        jdbc.sql("insert into wf_requirement (roster_id, starts_at, skill, agents) select ?, starts_at, skill, agents "
                + "from wf_requirement where roster_id = ?").params(id, replacedId).update();
        return id;
    }

    /** The roster this one is a new version of, if any. */
    public Optional<Long> replaces(long id) {
        return jdbc.sql("select replaces_id from wf_roster where id = ? and replaces_id is not null").param(id)
                .query(Long.class).optional();
    }

    /** The newest version made of this roster, if any. */
    public Optional<Long> newestVersionOf(long id) {
        return jdbc.sql("select max(id) from wf_roster where replaces_id = ?").param(id).query(Long.class).optional();
    }

    public void addMember(long rosterId, long userId, Set<Skill> skills) {
        jdbc.sql("insert into wf_roster_member (roster_id, user_id) values (?, ?)").params(rosterId, userId).update();
        skills.forEach(skill -> jdbc.sql("insert into wf_roster_member_skill (roster_id, user_id, skill) values (?, ?, ?)")
                .params(rosterId, userId, skill.name()).update());
    }

    public void addRequirement(long rosterId, Instant startsAt, Skill skill, int agents) {
        jdbc.sql("insert into wf_requirement (roster_id, starts_at, skill, agents) values (?, ?, ?, ?)")
                .params(rosterId, OffsetDateTime.ofInstant(startsAt, ZoneOffset.UTC), skill.name(), agents).update();
    }

    public Optional<RosterRow> find(long id) {
        return jdbc.sql(ROSTER + "where id = ?")
                .param(id).query(RosterStore::roster).optional();
    }

    public RosterRow get(long id) {
        return find(id).orElseThrow(() -> KeptException.notFound("roster", id));
    }

    public List<RosterRow> latest(int limit) {
        return jdbc.sql(ROSTER + "order by id desc fetch first " + limit + " rows only")
                .query(RosterStore::roster).list();
    }

    /** Moves a roster from one of the allowed states to another; false when someone else moved it first. */
    public boolean move(long id, Set<RosterState> from, RosterState to, String message) {
        String states = from.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
        return jdbc.sql("update wf_roster set state = ?, message = ?, version = version + 1, progress = case when ? = 'SOLVING' "
                        + "then 0 else progress end, published_at = case when ? = 'PUBLISHED' then ? else published_at end "
                        + "where id = ? and state in (" + states + ")")
                .params(to.name(), message, to.name(), to.name(), OffsetDateTime.now(clock), id).update() == 1;
    }

    /** Claims a roster for solving until a deadline: from the given states, or from SOLVING left behind past its deadline. */
    public boolean claimForSolving(long id, Set<RosterState> from, Instant until) {
        String states = from.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
        Instant now = clock.instant();
        return jdbc.sql("update wf_roster set state = 'SOLVING', message = null, progress = 0, solving_until = ?, "
                        + "version = version + 1 where id = ? and (state in (" + states + ") "
                        + "or (state = 'SOLVING' and solving_until < ?))")
                .params(utc(until), id, utc(now)).update() == 1;
    }

    public void progress(long id, int percent, String score) {
        jdbc.sql("update wf_roster set progress = ?, score = ? where id = ?").params(percent, score, id).update();
    }

    public Map<Long, Set<Skill>> members(long rosterId) {
        Map<Long, Set<Skill>> members = new HashMap<>();
        jdbc.sql("select m.user_id, s.skill from wf_roster_member m left join wf_roster_member_skill s "
                        + "on s.roster_id = m.roster_id and s.user_id = m.user_id where m.roster_id = ? order by m.user_id")
                .param(rosterId)
                .query((rs, n) -> {
                    Set<Skill> skills = members.computeIfAbsent(rs.getLong(1), u -> EnumSet.noneOf(Skill.class));
                    if (rs.getString(2) != null) {
                        skills.add(Skill.valueOf(rs.getString(2)));
                    }
                    return null;
                }).list();
        return members;
    }

    public Map<Skill, Map<Instant, Integer>> requirement(long rosterId) {
        Map<Skill, Map<Instant, Integer>> r = new EnumMap<>(Skill.class);
        jdbc.sql("select starts_at, skill, agents from wf_requirement where roster_id = ?").param(rosterId)
                .query((rs, n) -> {
                    r.computeIfAbsent(Skill.valueOf(rs.getString(2)), s -> new HashMap<>())
                            .put(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getInt(3));
                    return null;
                }).list();
        return r;
    }

    /** Availability and wishes of these people between two days (inclusive), as roster agents. */
    public List<RosterAgent> agents(Map<Long, Set<Skill>> members, Map<Long, String> names, LocalDate from, LocalDate to) {
        Map<Long, Set<LocalDate>> unavailable = new HashMap<>();
        Map<Long, Set<LocalDate>> preferOff = new HashMap<>();
        Map<Long, Map<LocalDate, ShiftType>> preferred = new HashMap<>();
        if (!members.isEmpty()) {
            jdbc.sql("select user_id, on_date, kind, shift_type from wf_availability where on_date between ? and ?")
                    .params(from, to).query((rs, n) -> {
                        long user = rs.getLong(1);
                        if (!members.containsKey(user)) {
                            return null;
                        }
                        LocalDate day = rs.getObject(2, LocalDate.class);
                        switch (rs.getString(3)) {
                            case "UNAVAILABLE" -> unavailable.computeIfAbsent(user, u -> new HashSet<>()).add(day);
                            case "PREFER_OFF" -> preferOff.computeIfAbsent(user, u -> new HashSet<>()).add(day);
                            default -> {
                                if (rs.getString(4) != null) {
                                    preferred.computeIfAbsent(user, u -> new HashMap<>()).put(day, ShiftType.valueOf(rs.getString(4)));
                                }
                            }
                        }
                        return null;
                    }).list();
        }
        List<RosterAgent> agents = new ArrayList<>();
        members.forEach((id, skills) -> agents.add(new RosterAgent(id, names.getOrDefault(id, "#" + id), skills,
                unavailable.getOrDefault(id, Set.of()), preferOff.getOrDefault(id, Set.of()), preferred.getOrDefault(id, Map.of()))));
        return agents;
    }

    public void replaceShifts(long rosterId, List<ShiftView> shifts) {
        jdbc.sql("delete from wf_shift where roster_id = ?").param(rosterId).update();
        for (ShiftView s : shifts) {
            jdbc.sql("insert into wf_shift (roster_id, user_id, shift_type, skill, starts_at, ends_at, break_starts_at, "
                            + "break_ends_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(rosterId, s.userId(), s.shiftType(), s.skill().name(), utc(s.startsAt()), utc(s.endsAt()),
                            utc(s.breakStartsAt()), utc(s.breakEndsAt()))
                    .update();
        }
    }

    public List<ShiftView> shifts(long rosterId) {
        return jdbc.sql(SHIFT + "where roster_id = ? order by starts_at, user_id").param(rosterId).query(RosterStore::shift).list();
    }

    /** Shifts of published rosters for one person overlapping the time from {@code from} (inclusive) to {@code to} (exclusive). */
    public List<ShiftView> publishedShifts(long userId, Instant from, Instant to) {
        return jdbc.sql(SHIFT + "where user_id = ? and starts_at < ? and ends_at > ? and roster_id in "
                        + "(select id from wf_roster where state = 'PUBLISHED') order by starts_at")
                .params(userId, utc(to), utc(from)).query(RosterStore::shift).list();
    }

    /** Whether some published roster that lists this person covers that day. */
    public boolean rosteredOn(long userId, LocalDate day) {
        return jdbc.sql("select r.starts_on, r.days from wf_roster r join wf_roster_member m on m.roster_id = r.id "
                        + "where r.state = 'PUBLISHED' and m.user_id = ? and r.starts_on <= ? and r.starts_on > ?")
                .params(userId, day, day.minusDays(367))
                .query((rs, n) -> day.isBefore(rs.getObject(1, LocalDate.class).plusDays(rs.getInt(2))))
                .list().contains(true);
    }

    public void availability(long userId, LocalDate day, String kind, String shiftType) {
        jdbc.sql("delete from wf_availability where user_id = ? and on_date = ?").params(userId, day).update();
        if (kind != null) {
            jdbc.sql("insert into wf_availability (user_id, on_date, kind, shift_type) values (?, ?, ?, ?)")
                    .params(userId, day, kind, shiftType).update();
        }
    }

    public List<Map<String, Object>> availabilityOf(long userId, LocalDate from) {
        return jdbc.sql("select on_date, kind, shift_type from wf_availability where user_id = ? and on_date >= ? order by on_date")
                .params(userId, from).query((rs, n) -> {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("day", rs.getObject(1, LocalDate.class));
                    m.put("kind", rs.getString(2));
                    m.put("shiftType", rs.getString(3));
                    return m;
                }).list();
    }

    private static final String ROSTER = "select id, name, team_id, starts_on, days, state, progress, score, message, "
            + "rest_minutes, work_days_per_week, week_minutes, overtime_month_minutes, shrinkage_percent, created_at, "
            + "published_at, version from wf_roster ";
    private static final String SHIFT = "select id, roster_id, user_id, shift_type, skill, starts_at, ends_at, break_starts_at, "
            + "break_ends_at from wf_shift ";

    private static ShiftView shift(ResultSet rs, int n) throws SQLException {
        return new ShiftView(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), Skill.valueOf(rs.getString(5)),
                instant(rs, 6), instant(rs, 7), instant(rs, 8), instant(rs, 9));
    }

    private static RosterRow roster(ResultSet rs, int n) throws SQLException {
        return new RosterRow(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3, Long.class), rs.getObject(4, LocalDate.class),
                rs.getInt(5), RosterState.valueOf(rs.getString(6)), rs.getInt(7), rs.getString(8), rs.getString(9),
                new RosterRules(rs.getInt(10), rs.getInt(11), RosterRules.defaults().standardWeekMinutes(), rs.getInt(12),
                        rs.getInt(13)), (Integer) rs.getObject(14, Integer.class), instant(rs, 15), instant(rs, 16), rs.getInt(17));
    }



    /** A roster as stored. */
    public record RosterRow(long id, String name, Long teamId, LocalDate startsOn, int days, RosterState state, int progress,
                            String score, String message, RosterRules rules, Integer shrinkagePercent, Instant createdAt,
                            Instant publishedAt, int version) {

        /** The rules as one line for people and the API: {@code rest=660;days=6;week=2880;overtime=2160;shrinkage=30}. */
        public String rulesText() {
            return rules.format() + (shrinkagePercent == null ? "" : ";shrinkage=" + shrinkagePercent);
        }
    }
}
