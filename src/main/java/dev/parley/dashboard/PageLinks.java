package dev.parley.dashboard;

import dev.parley.crypto.IdGenerator;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import io.javalin.http.Context;
import java.util.function.Function;

/** Links to the previous and next page of a list, oldest first, the same cursors the API uses. */
public record PageLinks(String previous, String next) {
    static final int PAGE_SIZE = 20;

    /** The page the request asks for: {@code ?after=ID} or {@code ?before=ID}; anything else is the first page. */
    static PageRequest requested(Context ctx) {
        String after = ctx.queryParam("after");
        String before = ctx.queryParam("before");
        if (IdGenerator.isId(before)) {
            return new PageRequest(null, before, PAGE_SIZE);
        }
        return new PageRequest(IdGenerator.isId(after) ? after : null, null, PAGE_SIZE);
    }

    static <T> PageLinks of(String path, Page<T> page, Function<T, String> idOf) {
        return of(path, "", page, idOf);
    }

    /** The same for a filtered list: the links keep its {@code query} ({@code name=value&}, encoded). */
    static <T> PageLinks of(String path, String query, Page<T> page, Function<T, String> idOf) {
        if (page.items().isEmpty()) {
            return new PageLinks(null, null);
        }
        String previous = page.hasOlder() ? path + "?" + query + "before=" + idOf.apply(page.items().get(0)) : null;
        String next = page.hasNewer()
                ? path + "?" + query + "after=" + idOf.apply(page.items().get(page.items().size() - 1)) : null;
        return new PageLinks(previous, next);
    }

    public boolean any() {
        return previous != null || next != null;
    }
}
