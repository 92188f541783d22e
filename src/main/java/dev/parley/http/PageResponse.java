package dev.parley.http;

import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a page under its list key with {@code meta} ({@code hasMore}, {@code afterCursor}, {@code beforeCursor})
 * and {@code links} ({@code next}, {@code prev}); cursors and links are absent where there is no such page.
 */
public final class PageResponse {
    private PageResponse() {
    }

    /**
     * @param listKey     the key the records go under, such as {@code apps}
     * @param idOf        the record's id, which is its cursor
     * @param keptFilters query parameters that links repeat, such as {@code filter[serviceAccountId]}
     */
    public static <T> Map<String, Object> of(Context ctx, String listKey, Page<T> page, PageRequest request,
                                             Function<T, String> idOf, Map<String, String> keptFilters) {
        Map<String, Object> meta = new LinkedHashMap<>();
        Map<String, Object> links = new LinkedHashMap<>();
        meta.put("hasMore", request.backwards() ? page.hasOlder() : page.hasNewer());
        if (page.hasNewer() && !page.items().isEmpty()) {
            String cursor = idOf.apply(page.items().get(page.items().size() - 1));
            meta.put("afterCursor", cursor);
            links.put("next", link(ctx, "page[after]", cursor, request, keptFilters));
        }
        if (page.hasOlder() && !page.items().isEmpty()) {
            String cursor = idOf.apply(page.items().get(0));
            meta.put("beforeCursor", cursor);
            links.put("prev", link(ctx, "page[before]", cursor, request, keptFilters));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(listKey, page.items());
        body.put("meta", meta);
        body.put("links", links);
        return body;
    }

    private static String link(Context ctx, String cursorName, String cursor, PageRequest request,
                               Map<String, String> keptFilters) {
        StringBuilder url = new StringBuilder(RequestUrls.base(ctx)).append(ctx.path())
                .append('?').append(cursorName).append('=').append(cursor)
                .append("&page[size]=").append(request.size());
        keptFilters.forEach((name, value) ->
                url.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return url.toString();
    }
}
