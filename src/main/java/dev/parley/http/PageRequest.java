package dev.parley.http;

import dev.parley.crypto.IdGenerator;
import io.javalin.http.Context;
import java.util.List;

/**
 * Cursor pagination parameters: {@code page[after]} or {@code page[before]} (a record id, at most one of them),
 * and {@code page[size]} from 1 to 100, default 25.
 */
public record PageRequest(String after, String before, int size) {
    public static final int DEFAULT_SIZE = 25;
    public static final int MAX_SIZE = 100;

    public static PageRequest from(Context ctx) {
        String after = single(ctx, "page[after]");
        String before = single(ctx, "page[before]");
        String sizeText = single(ctx, "page[size]");
        if (after != null && before != null) {
            throw ApiException.badRequest("Invalid page query parameters: use only one of page[after] and page[before]");
        }
        checkCursor("page[after]", after);
        checkCursor("page[before]", before);
        int size = DEFAULT_SIZE;
        if (sizeText != null) {
            if (!sizeText.matches("[0-9]{1,3}") || Integer.parseInt(sizeText) < 1
                    || Integer.parseInt(sizeText) > MAX_SIZE) {
                throw ApiException.badRequest("Invalid page query parameters: page[size] must be an integer from 1 to "
                        + MAX_SIZE);
            }
            size = Integer.parseInt(sizeText);
        }
        return new PageRequest(after, before, size);
    }

    /** The only query parameter of that name, or null; a repeated parameter is ambiguous and refused. */
    public static String single(Context ctx, String name) {
        List<String> values = ctx.queryParams(name);
        if (values.size() > 1) {
            throw ApiException.badRequest("Invalid query parameters: " + name + " is given more than once");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    private static void checkCursor(String name, String value) {
        if (value != null && !IdGenerator.isId(value)) {
            throw ApiException.badRequest("Invalid page query parameters: " + name
                    + " must be a record id of 24 lowercase hex characters");
        }
    }

    public boolean backwards() {
        return before != null;
    }
}
