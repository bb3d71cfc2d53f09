package org.kept.knowledge.web;

import java.util.List;
import org.kept.knowledge.SearchHit;

/** A search result as a page shows it. */
record HitRow(long id, String title, List<Highlight> snippet, String snippetText, String audience, int version, boolean stale) {

    static HitRow of(SearchHit h) {
        return new HitRow(h.id(), h.title(), Highlight.of(h.snippet(), h.highlights()), h.snippet(), h.audience().name(),
                h.version(), h.stale());
    }
}
