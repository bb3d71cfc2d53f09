package org.kept.knowledge.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.kept.knowledge.ArticleVersion;
import org.kept.knowledge.ArticleView;
import org.kept.knowledge.Audience;

/** Articles and versions as the API shows them; {@code html} is the body rendered safely. */
record ArticleJson(long id, String title, String body, String html, List<String> categories, List<String> tags,
                   Audience audience, Long ownerId, LocalDate reviewBy, int version, Instant createdAt, Instant updatedAt,
                   boolean stale, boolean pastReview, List<String> changeRequests) {

    static ArticleJson of(ArticleView a, String html) {
        return new ArticleJson(a.id(), a.title(), a.body(), html, a.categories(), a.tags(), a.audience(), a.ownerId(),
                a.reviewBy(), a.version(), a.createdAt(), a.updatedAt(), a.stale(), a.staleness().pastReview(),
                a.staleness().changeRequests());
    }

    record Version(long articleId, int version, String title, String body, List<String> categories, List<String> tags,
                   Audience audience, LocalDate reviewBy, String editorName, Instant editedAt, String reason,
                   Integer restoredFrom) {

        static Version of(ArticleVersion v) {
            return new Version(v.articleId(), v.version(), v.title(), v.body(), v.categories(), v.tags(), v.audience(),
                    v.reviewBy(), v.editorName(), v.editedAt(), v.reason(), v.restoredFrom());
        }
    }

    /** What an author sends; {@code version} is the one they read (for an edit). */
    record Write(String title, String body, List<String> categories, List<String> tags, Audience audience, Long ownerId,
                 LocalDate reviewBy, String reason, Integer version) {
    }

    record Rollback(Integer toVersion, Integer version, String reason) {
    }

    record Diff(long articleId, int from, int to, List<Line> lines) {
    }

    record Line(String kind, String text) {
    }
}
