package org.kept.knowledge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One kept version: what the article said, who changed it, when and why (and which version a rollback restored). */
public record ArticleVersion(long articleId, int version, String title, String body, List<String> categories,
                             List<String> tags, Audience audience, Long ownerId, LocalDate reviewBy, Long editedBy,
                             String editorName, Instant editedAt, String reason, Integer restoredFrom) {
}
