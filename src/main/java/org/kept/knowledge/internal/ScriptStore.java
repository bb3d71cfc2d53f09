package org.kept.knowledge.internal;

import java.time.Instant;
import java.util.List;
import org.kept.knowledge.Script;
import org.kept.shared.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for reply templates (话术). */
@Repository
class ScriptStore {

    private final JdbcClient jdbc;

    ScriptStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every script in display order. */
    List<Script> all() {
        return jdbc.sql("select id, code, name, channel, body, sort_order from kb_script order by sort_order, id")
                .query((rs, n) -> new Script(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6)))
                .list();
    }

    long insert(String code, String name, String channel, String body, int sortOrder, Instant at) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into kb_script (code, name, channel, body, sort_order, updated_at) values (?, ?, ?, ?, ?, ?)")
                .params(code, name, channel, body, sortOrder, SqlTime.utc(at)).update(keys, "id");
        return keys.getKey().longValue();
    }

    /** False when there is no such script. */
    boolean update(long id, String code, String name, String channel, String body, int sortOrder, Instant at) {
        return jdbc.sql("update kb_script set code = ?, name = ?, channel = ?, body = ?, sort_order = ?, updated_at = ? "
                        + "where id = ?")
                .params(code, name, channel, body, sortOrder, SqlTime.utc(at), id).update() > 0;
    }
}
