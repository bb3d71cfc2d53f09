package org.kept.knowledge;

import java.util.List;

/** One search result: the passage that matched and the words to highlight in it. */
public record SearchHit(long id, String title, String snippet, List<String> highlights, double score, Audience audience,
                        int version, boolean stale) {
}
