package org.kept.knowledge.internal;

import org.kept.shared.SqlTime;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.kept.knowledge.Script;
import org.kept.knowledge.Scripts;
import org.kept.shared.KeptException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/** Reply templates (话术), stored in one small table. */
@Service
class ScriptDesk implements Scripts {

    static final Set<String> CHANNELS = Set.of("PHONE", "WRITTEN", "ANY");

    private final JdbcClient jdbc;
    private final Clock clock;

    ScriptDesk(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<Script> forChannel(String channel) {
        String c = channel == null ? null : channel.toUpperCase();
        return jdbc.sql("select id, code, name, channel, body, sort_order from kb_script order by sort_order, id")
                .query((rs, n) -> new Script(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6)))
                .list().stream()
                .filter(s -> c == null || "ANY".equals(s.channel()) || s.channel().equals(c)).toList();
    }

    @Override
    public Script get(long id) {
        return forChannel(null).stream().filter(s -> s.id() == id).findFirst()
                .orElseThrow(() -> KeptException.notFound("script", id));
    }

    @Override
    public Script save(Long id, String code, String name, String channel, String body, int sortOrder) {
        String ch = channel == null ? "" : channel.toUpperCase();
        if (code == null || !code.matches("[a-z0-9-]{1,40}") || name == null || name.isBlank() || name.length() > 100
                || !CHANNELS.contains(ch) || body == null || body.isBlank() || body.length() > 4000) {
            throw KeptException.invalid("knowledge.script.invalid");
        }
        try {
            if (id == null) {
                GeneratedKeyHolder keys = new GeneratedKeyHolder();
                jdbc.sql("insert into kb_script (code, name, channel, body, sort_order, updated_at) values (?, ?, ?, ?, ?, ?)")
                        .params(code, name.strip(), ch, body, sortOrder, SqlTime.utc(clock.instant())).update(keys, "id");
                return get(keys.getKey().longValue());
            }
            int n = jdbc.sql("update kb_script set code = ?, name = ?, channel = ?, body = ?, sort_order = ?, updated_at = ? "
                            + "where id = ?")
                    .params(code, name.strip(), ch, body, sortOrder, SqlTime.utc(clock.instant()), id).update();
            if (n == 0) {
                throw KeptException.notFound("script", id);
            }
            return get(id);
        } catch (DuplicateKeyException e) {
            throw KeptException.conflict("knowledge.script.code", code);
        }
    }
}
