package org.kept.ticket.internal;

import java.util.List;
import org.kept.shared.Page;

/**
 * Matches of a search counted within a bounded read (the first postings of a word, the first tickets of a queue);
 * {@code more} when the read stopped at its bound, so the count is a floor ("at least") rather than the total.
 */
record Counted(long matched, boolean more) {

    /** The page with its total: never below the rows this page already shows, capped at {@code countCap} like a queue's. */
    <T> Page<T> page(List<T> rows, int page, int size, long countCap) {
        long shown = (long) page * size + rows.size();
        boolean capped = more || matched > countCap;
        long total = capped ? Math.max(Math.min(matched, countCap), shown) : matched;
        return new Page<>(rows, page, size, total, capped);
    }
}
