package org.kept.authority.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kept.shared.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** authority_action, authority_limit and authority_level as plain SQL. */
@Repository
class LimitStore {

    private static final String LIMIT = "id, holder, action_code, currency, per_case_minor, per_day_minor, per_customer_30d_minor";

    private final JdbcClient jdbc;

    LimitStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ActionKind> actions() {
        return jdbc.sql("select code, name_zh, name_en, position, active from authority_action order by position, code")
                .query((rs, i) -> new ActionKind(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getBoolean(5))).list();
    }

    void saveAction(ActionKind a) {
        int updated = jdbc.sql("update authority_action set name_zh = ?, name_en = ?, position = ?, active = ? where code = ?")
                .params(a.nameZh(), a.nameEn(), a.position(), a.active(), a.code()).update();
        if (updated == 0) {
            jdbc.sql("insert into authority_action (code, name_zh, name_en, position, active) values (?, ?, ?, ?, ?) "
                            + "on conflict do nothing")
                    .params(a.code(), a.nameZh(), a.nameEn(), a.position(), a.active()).update();
        }
    }

    List<Limit> limits() {
        return jdbc.sql("select " + LIMIT + " from authority_limit order by holder, action_code, currency")
                .query(LimitStore::limit).list();
    }

    Optional<Limit> limit(long id) {
        return jdbc.sql("select " + LIMIT + " from authority_limit where id = ?").param(id).query(LimitStore::limit).optional();
    }

    Optional<Limit> limit(String holder, String action, String currency) {
        return jdbc.sql("select " + LIMIT + " from authority_limit where holder = ? and action_code = ? and currency = ?")
                .params(holder, action, currency).query(LimitStore::limit).optional();
    }

    /** Every limit of these holders (a person's own and their role's), so one read serves a whole form. */
    List<Limit> limitsOf(List<String> holders) {
        return jdbc.sql("select " + LIMIT + " from authority_limit where holder in (:holders) order by action_code, currency")
                .param("holders", holders).query(LimitStore::limit).list();
    }

    /** Inserts or replaces the holder's limit for the action and currency; its id. */
    long save(String holder, String action, String currency, long perCase, Long perDay, Long perCustomer, String by,
              Instant now) {
        int updated = jdbc.sql("update authority_limit set per_case_minor = ?, per_day_minor = ?, per_customer_30d_minor = ?, "
                        + "updated_at = ?, updated_by = ? where holder = ? and action_code = ? and currency = ?")
                .params(perCase, perDay, perCustomer, SqlTime.utc(now), by, holder, action, currency).update();
        if (updated == 0) {
            jdbc.sql("insert into authority_limit (holder, action_code, currency, per_case_minor, per_day_minor, "
                            + "per_customer_30d_minor, updated_at, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
                    .params(holder, action, currency, perCase, perDay, perCustomer, SqlTime.utc(now), by).update();
        }
        return limit(holder, action, currency).orElseThrow().id();
    }

    boolean delete(long id) {
        return jdbc.sql("delete from authority_limit where id = ?").param(id).update() == 1;
    }

    List<Level> ladder() {
        return jdbc.sql("select position, role_code, same_team, name_zh, name_en from authority_level order by position")
                .query((rs, i) -> new Level(rs.getInt(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                        rs.getString(5))).list();
    }

    void replaceLadder(List<Level> levels) {
        jdbc.sql("delete from authority_level").update();
        for (Level l : levels) {
            jdbc.sql("insert into authority_level (position, role_code, same_team, name_zh, name_en) values (?, ?, ?, ?, ?)")
                    .params(l.position(), l.role(), l.sameTeam(), l.nameZh(), l.nameEn()).update();
        }
    }

    private static Limit limit(ResultSet rs, int i) throws SQLException {
        return new Limit(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getObject(6, Long.class), rs.getObject(7, Long.class));
    }
}
