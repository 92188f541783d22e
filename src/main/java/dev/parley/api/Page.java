package dev.parley.api;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list in ascending id order, with whether records exist on either side of it.
 *
 * @param items      the records, oldest first
 * @param hasNewer   whether records follow the last item
 * @param hasOlder   whether records precede the first item
 */
public record Page<T>(List<T> items, boolean hasNewer, boolean hasOlder) {

    /**
     * Builds a page from a query that fetched up to {@code size + 1} rows in the page's own direction (descending
     * for {@code page[before]}), so the extra row tells whether more exist that way.
     */
    public static <T> Page<T> fromProbe(List<T> fetched, PageRequest request, boolean otherSideExists) {
        boolean more = fetched.size() > request.size();
        List<T> items = more ? fetched.subList(0, request.size()) : fetched;
        if (request.backwards()) {
            List<T> ascending = new java.util.ArrayList<>(items);
            java.util.Collections.reverse(ascending);
            return new Page<>(List.copyOf(ascending), otherSideExists, more);
        }
        return new Page<>(List.copyOf(items), more, otherSideExists);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), hasNewer, hasOlder);
    }
}
