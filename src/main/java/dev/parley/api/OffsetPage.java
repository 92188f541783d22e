package dev.parley.api;

import java.util.List;
import java.util.function.Function;

/** One page of a v1.1 list: the records, whether more follow, and the offset the page started at. */
public record OffsetPage<T>(List<T> items, boolean hasMore, int offset) {

    public <R> OffsetPage<R> map(Function<T, R> mapper) {
        return new OffsetPage<>(items.stream().map(mapper).toList(), hasMore, offset);
    }
}
