package org.kept.knowledge.internal;

import java.time.LocalDate;
import java.util.List;
import org.kept.knowledge.Audience;

/** What the index holds of an article's current version: its words, filters and stored sentence vector. */
public record IndexedArticle(long id, int version, String title, String text, List<String> categories, List<String> tags,
                      Audience audience, LocalDate reviewBy, boolean touched, float[] vector) {
}
