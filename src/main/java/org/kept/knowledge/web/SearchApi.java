package org.kept.knowledge.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.kept.identity.CurrentUser;
import org.kept.knowledge.Audience;
import org.kept.knowledge.KnowledgeSearch;
import org.kept.knowledge.SearchHit;
import org.kept.knowledge.SearchQuery;
import org.kept.knowledge.internal.IndexKeeper;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Search by words and meaning, and the index rebuild. */
@RestController
@Tag(name = "knowledge")
class SearchApi {

    private final KnowledgeSearch search;
    private final IndexKeeper keeper;

    SearchApi(KnowledgeSearch search, IndexKeeper keeper) {
        this.search = search;
        this.keeper = keeper;
    }

    /** The search answer. */
    record Results(List<SearchHit> results) {
    }

    @GetMapping("/api/v1/knowledge/search")
    @PreAuthorize("hasAnyAuthority('TICKET_READ', 'PORTAL')")
    @Operation(summary = "Search articles, best first",
            description = "q: two words or a whole sentence. audience narrows staff results; customers always get public "
                    + "articles only, as the help page shows them (title and passage). category filters; fresh=true leaves out stale articles.")
    Object search(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) Audience audience,
                  @RequestParam(required = false) String category, @RequestParam(defaultValue = "false") boolean fresh,
                  @RequestParam(defaultValue = "10") int limit, @AuthenticationPrincipal CurrentUser me) {
        List<SearchHit> hits = search.search(new SearchQuery(q, audience, category, fresh, limit), me);
        if (PortalArticle.isFor(me)) {
            // what the help page shows of a hit: its title and passage, not its score, version or staleness
            return new PortalResults(hits.stream().map(h -> new PortalArticle.Hit(h.id(), h.title(), h.snippet(),
                    h.highlights())).toList());
        }
        return new Results(hits);
    }

    /** The search answer for a customer. */
    record PortalResults(List<PortalArticle.Hit> results) {
    }

    @PostMapping("/api/v1/knowledge/index/rebuild")
    @PreAuthorize("hasAuthority('USER_ADMIN')")
    @Operation(summary = "Rebuild this instance's index from the database, from the stored vectors (no model run)")
    Map<String, Object> rebuild(@AuthenticationPrincipal CurrentUser me) {
        IndexKeeper.Rebuilt done = keeper.rebuild(me);
        return Map.of("articles", done.articles(), "millis", done.millis());
    }
}
