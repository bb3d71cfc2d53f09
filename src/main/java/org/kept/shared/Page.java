package org.kept.shared;

import java.util.List;
import java.util.function.Function;

/** One page of results, with the total capped so counting never scans a million rows. */
public record Page<T>(List<T> items, int page, int size, long total, boolean totalCapped) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total, totalCapped);
    }
}
