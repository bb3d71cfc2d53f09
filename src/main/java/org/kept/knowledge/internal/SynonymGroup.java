package org.kept.knowledge.internal;

import java.util.List;

/** One synonym group: terms a search treats as the same (丢了 遗落 丢失). */
public record SynonymGroup(long id, List<String> terms) {
}
