package org.kept.knowledge.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.knowledge.ArticleDraft;
import org.kept.knowledge.Articles;
import org.kept.knowledge.Citations;
import org.kept.shared.KeptException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Knowledge-base articles and their versions. Customers read public articles only; an internal one is 404 to them. */
@RestController
@Tag(name = "knowledge")
class ArticleApi {

    private final Articles articles;
    private final Citations citations;

    ArticleApi(Articles articles, Citations citations) {
        this.articles = articles;
        this.citations = citations;
    }

    @PostMapping("/api/v1/knowledge/articles")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    @Operation(summary = "Write an article (version 1)",
            description = "With an Idempotency-Key header a retried request returns the first article (200), never a second.")
    ResponseEntity<ArticleJson> create(@RequestBody ArticleJson.Write body,
                                       @Parameter(description = "Client-chosen key, up to 100 characters")
                                       @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                       @AuthenticationPrincipal CurrentUser me) {
        Articles.Created created = articles.create(draft(body, me), me, idempotencyKey);
        return ResponseEntity.status(created.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create("/api/v1/knowledge/articles/" + created.article().id()))
                .body(ArticleJson.of(created.article(), articles.html(created.article().body())));
    }

    @GetMapping("/api/v1/knowledge/articles")
    @PreAuthorize("hasAnyAuthority('TICKET_READ', 'PORTAL')")
    @Operation(summary = "Articles, latest change first; stale=true lists those past their review date or touched by an open change request",
            description = "Customers get public articles as the help page shows them: id and title only (PortalArticle).")
    List<?> list(@RequestParam(defaultValue = "false") boolean stale, @RequestParam(defaultValue = "100") int limit,
                 @AuthenticationPrincipal CurrentUser me) {
        if (PortalArticle.isFor(me)) {
            return articles.list(me, stale, limit).stream().map(a -> PortalArticle.of(a, null)).toList();
        }
        return articles.list(me, stale, limit).stream().map(a -> ArticleJson.of(a, null)).toList();
    }

    @GetMapping("/api/v1/knowledge/articles/{id}")
    @PreAuthorize("hasAnyAuthority('TICKET_READ', 'PORTAL')")
    @Operation(summary = "One article with its body rendered safely",
            description = "Customers get what the help page shows: id, title and the rendered body (PortalArticle); no "
                    + "owner, change requests or review dates.")
    Object get(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        var a = articles.get(id, me);
        return PortalArticle.isFor(me) ? PortalArticle.of(a, articles.html(a.body())) : ArticleJson.of(a, articles.html(a.body()));
    }

    @PutMapping("/api/v1/knowledge/articles/{id}")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    @Operation(summary = "Write the next version; version must be the one you read (409 if someone was first)")
    ArticleJson update(@PathVariable long id, @RequestBody ArticleJson.Write body, @AuthenticationPrincipal CurrentUser me) {
        if (body.version() == null) {
            throw KeptException.invalid("knowledge.version.required");
        }
        var a = articles.update(id, draft(body, me), body.version(), me);
        return ArticleJson.of(a, articles.html(a.body()));
    }

    @GetMapping("/api/v1/knowledge/articles/{id}/versions")
    @PreAuthorize("hasAnyAuthority('TICKET_READ', 'PORTAL')")
    @Operation(summary = "Every version: who changed it, when and why",
            description = "Customers get the public versions' texts only (PortalArticle.Version): never the editor or the reason.")
    List<?> versions(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        if (PortalArticle.isFor(me)) {
            return articles.versions(id, me).stream().map(PortalArticle.Version::of).toList();
        }
        return articles.versions(id, me).stream().map(ArticleJson.Version::of).toList();
    }

    @GetMapping("/api/v1/knowledge/articles/{id}/versions/{version}")
    @PreAuthorize("hasAnyAuthority('TICKET_READ', 'PORTAL')")
    @Operation(summary = "One version")
    Object version(@PathVariable long id, @PathVariable int version, @AuthenticationPrincipal CurrentUser me) {
        var v = articles.version(id, version, me);
        return PortalArticle.isFor(me) ? PortalArticle.Version.of(v) : ArticleJson.Version.of(v);
    }

    @GetMapping("/api/v1/knowledge/articles/{id}/diff")
    @PreAuthorize("hasAnyAuthority('TICKET_READ', 'PORTAL')")
    @Operation(summary = "Line diff between two versions (kind ' ', '-' or '+')")
    ArticleJson.Diff diff(@PathVariable long id, @RequestParam int from, @RequestParam int to, @AuthenticationPrincipal CurrentUser me) {
        return new ArticleJson.Diff(id, from, to, articles.diff(id, from, to, me).stream()
                .map(l -> new ArticleJson.Line(String.valueOf(l.kind()), l.text())).toList());
    }

    @PostMapping("/api/v1/knowledge/articles/{id}/rollback")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    @Operation(summary = "Roll back: a new version copying toVersion; version must be the current one")
    ArticleJson rollback(@PathVariable long id, @RequestBody ArticleJson.Rollback body, @AuthenticationPrincipal CurrentUser me) {
        if (body.toVersion() == null || body.version() == null) {
            throw KeptException.invalid("knowledge.version.required");
        }
        var a = articles.rollback(id, body.toVersion(), body.version(), body.reason(), me);
        return ArticleJson.of(a, articles.html(a.body()));
    }

    @GetMapping("/api/v1/knowledge/articles/{id}/citations")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    @Operation(summary = "Every ticket whose reply cited this article (any version), newest first")
    List<Citations.Citation> citations(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        return citations.of(id, me);
    }

    private static ArticleDraft draft(ArticleJson.Write b, CurrentUser me) {
        return new ArticleDraft(b.title(), b.body(), b.categories(), b.tags(), b.audience(),
                b.ownerId() == null ? me.id() : b.ownerId(), b.reviewBy(), b.reason());
    }
}
