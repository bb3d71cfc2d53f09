package org.kept.knowledge;

import java.time.LocalDate;
import java.util.List;

/** What an author writes: a new article, or the next version of one (with the reason for the change). */
public record ArticleDraft(String title, String body, List<String> categories, List<String> tags, Audience audience,
                           Long ownerId, LocalDate reviewBy, String reason) {
}
