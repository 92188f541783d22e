package dev.parley.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.parley.http.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text as stored (metadata, profiles, message content) turned into maps and lists the templates can walk, with
 * every link in it made safe to put in a page: a URL is kept only when it is http(s), or an image's data: URL;
 * anything else (javascript:, another scheme) is left out and the page shows the text around it.
 */
final class JsonViews {
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final List<String> LINK_FIELDS = List.of("uri", "mediaUrl", "avatarUrl", "iconUrl",
            "fallback");

    private JsonViews() {
    }

    /** The object, or an empty map for null or empty text. */
    static Map<String, Object> object(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> map = Json.mapper().readValue(json, OBJECT);
            return safeLinks(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON could not be read", e);
        }
    }

    /** Whether the URL may be an image's source or a link's target on a dashboard page. */
    static boolean safeUrl(Object url) {
        if (!(url instanceof String text)) {
            return false;
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("data:image/");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> safeLinks(Map<String, Object> map) {
        map.entrySet().removeIf(entry -> LINK_FIELDS.contains(entry.getKey()) && entry.getValue() instanceof String
                && !safeUrl(entry.getValue()));
        for (Object value : map.values()) {
            if (value instanceof Map<?, ?> nested) {
                safeLinks((Map<String, Object>) nested);
            } else if (value instanceof List<?> list) {
                list.stream().filter(Map.class::isInstance)
                        .forEach(item -> safeLinks((Map<String, Object>) item));
            }
        }
        return map;
    }
}
