package dev.parley.http;

import dev.parley.crypto.IdGenerator;
import dev.parley.crypto.KeyKind;
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
        return from(ctx, "");
    }

    /** For lists of keys, whose ids (and so cursors) carry their kind's prefix. */
    public static PageRequest ofKeys(Context ctx, KeyKind kind) {
        return from(ctx, kind.prefix());
    }

    private static PageRequest from(Context ctx, String idPrefix) {
        String after = single(ctx, "page[after]");
        String before = single(ctx, "page[before]");
        String sizeText = single(ctx, "page[size]");
        if (after != null && before != null) {
            throw ApiException.badRequest("Invalid page query parameters: use only one of page[after] and page[before]");
        }
        checkCursor("page[after]", after, idPrefix);
        checkCursor("page[before]", before, idPrefix);
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

    private static void checkCursor(String name, String value, String idPrefix) {
        if (value != null && !(value.startsWith(idPrefix) && IdGenerator.isId(value.substring(idPrefix.length())))) {
            throw ApiException.badRequest("Invalid page query parameters: " + name + " must be a record id: "
                    + (idPrefix.isEmpty() ? "" : idPrefix + " followed by ") + "24 lowercase hex characters");
        }
    }

    public boolean backwards() {
        return before != null;
    }
}
