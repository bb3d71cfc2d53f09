package org.kept.knowledge.internal;

import org.kept.shared.SqlTime;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The centre's synonym groups. Read per search: a handful of short rows, and an edit applies everywhere at once. */
@Repository
class SynonymStore {

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile List<List<String>> cached;
    private volatile long cachedAt;

    SynonymStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<SynonymGroup> all() {
        return jdbc.sql("select id, terms from kb_synonym order by id")
                .query((rs, n) -> new SynonymGroup(rs.getLong(1), terms(rs.getString(2)))).list();
    }

    /** The groups' terms, cached for a second so a burst of searches reads them once. */
    List<List<String>> groups() {
        long now = System.nanoTime();
        if (cached == null || now - cachedAt > 1_000_000_000L) {
            cached = all().stream().map(SynonymGroup::terms).toList();
            cachedAt = now;
        }
        return cached;
    }

    long save(Long id, List<String> terms) {
        String text = String.join(" ", terms.stream().map(String::strip).filter(t -> !t.isEmpty()).distinct().toList());
        if (id == null) {
            var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
            jdbc.sql("insert into kb_synonym (terms, updated_at) values (?, ?)").params(text, SqlTime.utc(clock.instant()))
                    .update(keys, "id");
            cached = null;
            return keys.getKey().longValue();
        }
        jdbc.sql("update kb_synonym set terms = ?, updated_at = ? where id = ?").params(text, SqlTime.utc(clock.instant()), id)
                .update();
        cached = null;
        return id;
    }

    boolean delete(long id) {
        cached = null;
        return jdbc.sql("delete from kb_synonym where id = ?").param(id).update() == 1;
    }

    /** Terms as typed: separated by spaces or commas (either width). */
    static List<String> terms(String text) {
        return Arrays.stream(text.split("[\\s,，]+")).filter(t -> !t.isBlank()).toList();
    }
}
