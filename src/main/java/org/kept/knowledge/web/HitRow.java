package org.kept.knowledge.web;

import java.util.List;
import org.kept.knowledge.Answers;
import org.kept.knowledge.SearchHit;

/** A search result as a page shows it. */
record HitRow(long id, String title, List<Highlight> snippet, String snippetText, String audience, int version, boolean stale,
              String answer) {

    static HitRow of(SearchHit h) {
        return new HitRow(h.id(), h.title(), Highlight.of(h.snippet(), h.highlights()), h.snippet(), h.audience().name(),
                h.version(), h.stale(), null);
    }

    /** The hit with the article's whole answer, for the ticket page (the version is the one the answer was read at). */
    HitRow with(Answers.Answer a) {
        return new HitRow(id, title, snippet, snippetText, audience, a.version(), stale, a.text());
    }
}
