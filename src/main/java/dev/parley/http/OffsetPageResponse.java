package dev.parley.http;

import dev.parley.api.OffsetPage;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a v1.1 page: the records under their list key, {@code hasMore}, and the request's {@code offset}. */
public final class OffsetPageResponse {
    private OffsetPageResponse() {
    }

    public static Map<String, Object> of(String listKey, OffsetPage<?> page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(listKey, page.items());
        body.put("hasMore", page.hasMore());
        body.put("offset", page.offset());
        return body;
    }
}
