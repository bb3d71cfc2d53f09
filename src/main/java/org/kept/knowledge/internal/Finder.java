package org.kept.knowledge.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.kept.meaning.TextMeaning;
import org.kept.identity.CurrentUser;
import org.kept.knowledge.Audience;
import org.kept.knowledge.KnowledgeSearch;
import org.kept.knowledge.SearchHit;
import org.kept.knowledge.SearchQuery;
import org.kept.shared.CentreZone;
import org.springframework.stereotype.Service;

/** Search for readers: decides which audiences a reader may see, then ranks. */
@Service
class Finder implements KnowledgeSearch {

    static final int MAX_LIMIT = 50;
    static final int MAX_QUERY = 2_000;

    private final Ranker ranker;
    private final SearchIndex index;
    private final SynonymStore synonyms;
    private final Clock clock;
    private final CentreZone zone;

    Finder(IndexKeeper keeper, TextMeaning model, SynonymStore synonyms, Clock clock, CentreZone zone) {
        this.index = keeper.index();
        this.ranker = new Ranker(keeper.index(), model);
        this.synonyms = synonyms;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public int indexed() {
        return index.size();
    }

    @Override
    public List<SearchHit> search(SearchQuery q, CurrentUser reader) {
        Set<Audience> audiences = !Audience.staff(reader) ? EnumSet.of(Audience.PUBLIC)
                : q.audience() == null ? EnumSet.allOf(Audience.class) : EnumSet.of(q.audience());
        String text = q.text() == null ? "" : q.text();
        if (text.length() > MAX_QUERY) {
            text = text.substring(0, MAX_QUERY);
        }
        long today = LocalDate.ofInstant(clock.instant(), zone.zone()).toEpochDay();
        int limit = Math.max(1, Math.min(q.limit(), MAX_LIMIT));
        return ranker.search(text, new Ranker.Filter(audiences, q.category(), q.freshOnly(), today), synonyms.groups(), limit)
                .stream()
                // the index filter already keeps internal articles from customers; this check makes sure of it
                .filter(h -> audiences.contains(h.audience()))
                .map(h -> new SearchHit(h.id(), h.title(), h.snippet(), h.highlights(), h.score(), h.audience(), h.version(),
                        h.stale()))
                .toList();
    }
}
