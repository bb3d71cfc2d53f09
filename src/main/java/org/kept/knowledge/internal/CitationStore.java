package org.kept.knowledge.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.kept.knowledge.Citations.Citation;
import org.kept.shared.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for citations: which ticket's reply used which article version. */
@Repository
class CitationStore {

    private final JdbcClient jdbc;

    CitationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long articleId, int articleVersion, long ticketId, String ticketNumber, Long citedBy, Instant at) {
        jdbc.sql("insert into kb_citation (article_id, article_version, ticket_id, ticket_number, cited_by, cited_at) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(articleId, articleVersion, ticketId, ticketNumber, citedBy, SqlTime.utc(at))
                .update();
    }

    /** Newest first. */
    List<Citation> of(long articleId) {
        return jdbc.sql("select article_id, article_version, ticket_id, ticket_number, cited_by, cited_at from kb_citation "
                        + "where article_id = ? order by id desc")
                .param(articleId)
                .query((rs, n) -> new Citation(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4),
                        rs.getObject(5, Long.class), rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }
}
