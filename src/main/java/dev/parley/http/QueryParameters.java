package dev.parley.http;

import dev.parley.api.ApiException;
import dev.parley.api.OffsetPageRequest;
import dev.parley.api.PageRequest;
import io.javalin.http.Context;
import java.util.List;

/** Reads query parameters: single values, and the pagination parameters of both API versions. */
public final class QueryParameters {
    private QueryParameters() {
    }

    /** The only query parameter of that name, or null; a repeated parameter is ambiguous and refused. */
    public static String single(Context ctx, String name) {
        List<String> values = ctx.queryParams(name);
        if (values.size() > 1) {
            throw ApiException.badRequest("Invalid query parameters: " + name + " is given more than once");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    /** {@code page[after]}, {@code page[before]} and {@code page[size]}. */
    public static PageRequest page(Context ctx) {
        return pageOfIds(ctx, "");
    }

    /** The page parameters of a list whose ids (and so cursors) start with {@code idPrefix}, such as keys'. */
    public static PageRequest pageOfIds(Context ctx, String idPrefix) {
        return PageRequest.of(single(ctx, "page[after]"), single(ctx, "page[before]"), single(ctx, "page[size]"),
                idPrefix);
    }

    /** v1.1's {@code limit} and {@code offset}. */
    public static OffsetPageRequest offsetPage(Context ctx) {
        return OffsetPageRequest.of(single(ctx, "limit"), single(ctx, "offset"));
    }
}
