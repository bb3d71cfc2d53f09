package org.kept.knowledge.internal;

import org.kept.shared.SqlTime;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.knowledge.Articles;
import org.kept.knowledge.Citations;
import org.kept.shared.KeptException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records and lists which tickets' replies used which article version. */
@Service
class CitationDesk implements Citations {

    private final JdbcClient jdbc;
    private final ArticleStore store;
    private final Articles articles;
    private final Clock clock;

    CitationDesk(JdbcClient jdbc, ArticleStore store, Articles articles, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.articles = articles;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void cite(long articleId, int articleVersion, long ticketId, String ticketNumber, CurrentUser by) {
        if (store.version(articleId, articleVersion).isEmpty()) {
            throw KeptException.invalid("knowledge.citation.unknown", articleId, articleVersion);
        }
        jdbc.sql("insert into kb_citation (article_id, article_version, ticket_id, ticket_number, cited_by, cited_at) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(articleId, articleVersion, ticketId, ticketNumber, by.id(), SqlTime.utc(clock.instant()))
                .update();
    }

    @Override
    public List<Citation> of(long articleId, CurrentUser reader) {
        articles.get(articleId, reader);
        return jdbc.sql("select article_id, article_version, ticket_id, ticket_number, cited_by, cited_at from kb_citation "
                        + "where article_id = ? order by id desc")
                .param(articleId)
                .query((rs, n) -> new Citation(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4),
                        rs.getObject(5, Long.class), rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }
}
