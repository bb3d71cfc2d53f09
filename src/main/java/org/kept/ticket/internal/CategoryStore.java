package org.kept.ticket.internal;

import java.util.List;
import java.util.Optional;
import org.kept.ticket.Tickets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the ticket categories (分类). */
@Repository
class CategoryStore {

    private final JdbcClient jdbc;

    CategoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Tickets.Category> all() {
        return jdbc.sql("select code, name_zh, name_en from ticket_category order by code")
                .query((rs, i) -> new Tickets.Category(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /** The category's names as "中文 / English", when it exists. */
    Optional<String> names(String code) {
        return jdbc.sql("select name_zh || ' / ' || name_en from ticket_category where code = ?")
                .param(code).query(String.class).optional();
    }

    void rename(String code, String nameZh, String nameEn) {
        jdbc.sql("update ticket_category set name_zh = ?, name_en = ? where code = ?").params(nameZh, nameEn, code).update();
    }

    void insert(String code, String nameZh, String nameEn) {
        jdbc.sql("insert into ticket_category (code, name_zh, name_en) values (?, ?, ?)").params(code, nameZh, nameEn).update();
    }

    /** The team a ticket of this category goes to when nobody was chosen (portal, e-mail), if the centre named one. */
    Optional<Long> teamOf(String code) {
        return jdbc.sql("select team_id from ticket_category where code = ? and team_id is not null")
                .param(code).query(Long.class).optional();
    }

    /** Every category's team, by code (categories without one are left out). */
    java.util.Map<String, Long> teams() {
        java.util.Map<String, Long> teams = new java.util.LinkedHashMap<>();
        jdbc.sql("select code, team_id from ticket_category where team_id is not null order by code")
                .query((rs, i) -> teams.put(rs.getString(1), rs.getLong(2))).list();
        return teams;
    }

    /** Sets or clears the category's team; whether the category exists. */
    boolean route(String code, Long teamId) {
        return jdbc.sql("update ticket_category set team_id = ? where code = ?").params(teamId, code).update() == 1;
    }
}
