package org.kept.knowledge.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Synonyms the centre maintains (丢了 ~ 遗落 ~ 丢失), applied to the query, not the index, so an edited group works at
 * once without reindexing. Matching is by substring rather than by the segmenter's tokens: colloquial words such as
 * 丢了 are exactly the ones a segmenter cuts differently in different sentences.
 */
final class Synonyms {

    private Synonyms() {
    }

    static String expand(String text, List<List<String>> groups) {
        String lower = text.toLowerCase();
        Set<String> extra = new LinkedHashSet<>();
        for (List<String> group : groups) {
            if (group.stream().anyMatch(t -> !t.isBlank() && lower.contains(t.toLowerCase()))) {
                group.stream().filter(t -> !lower.contains(t.toLowerCase())).forEach(extra::add);
            }
        }
        return extra.isEmpty() ? text : text + " " + String.join(" ", extra);
    }
}
