package org.kept.knowledge.internal;

import java.time.Clock;
import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.knowledge.Articles;
import org.kept.knowledge.Citations;
import org.kept.shared.KeptException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records and lists which tickets' replies used which article version. */
@Service
class CitationDesk implements Citations {

    private final CitationStore citations;
    private final ArticleStore store;
    private final Articles articles;
    private final Clock clock;

    CitationDesk(CitationStore citations, ArticleStore store, Articles articles, Clock clock) {
        this.citations = citations;
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
        citations.insert(articleId, articleVersion, ticketId, ticketNumber, by.id(), clock.instant());
    }

    @Override
    public List<Citation> of(long articleId, CurrentUser reader) {
        articles.get(articleId, reader);
        return citations.of(articleId);
    }
}
