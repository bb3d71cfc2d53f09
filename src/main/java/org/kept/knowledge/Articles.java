package org.kept.knowledge;

import java.util.List;
import org.kept.identity.CurrentUser;

/**
 * Knowledge-base articles. Every edit is a new version; a rollback is a new version copying an old one. Reads check
 * the audience: an internal article is "not found" for a reader who is not staff, by every route.
 */
public interface Articles {

    /** Writes a new article (version 1); with an idempotency key a retried request returns the first article. */
    Created create(ArticleDraft draft, CurrentUser by, String idempotencyKey);

    /** The next version; {@code expectedVersion} must be the current one (409 otherwise). */
    ArticleView update(long id, ArticleDraft draft, int expectedVersion, CurrentUser by);

    /** A new version copying {@code version}'s content. */
    ArticleView rollback(long id, int version, int expectedVersion, String reason, CurrentUser by);

    ArticleView get(long id, CurrentUser reader);

    List<ArticleVersion> versions(long id, CurrentUser reader);

    ArticleVersion version(long id, int version, CurrentUser reader);

    /** Line diff between two versions of one article. */
    List<DiffLine> diff(long id, int from, int to, CurrentUser reader);

    /** Articles for a list page, newest change first; only {@code stale} ones when asked. */
    List<ArticleView> list(CurrentUser reader, boolean staleOnly, int limit);

    /** The article's body as safe HTML: raw HTML escaped, dangerous links dropped. */
    String html(String markdown);

    /** A created article, and whether it was an idempotent replay. */
    record Created(ArticleView article, boolean replayed) {
    }

    /** One line of a diff: {@code kind} is ' ' (same), '-' (only in the older) or '+' (only in the newer). */
    record DiffLine(char kind, String text) {
    }
}
