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
}
