package dev.parley.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@code metadata} of apps, users, conversations, messages and actions: a flat object of strings, numbers and
 * booleans of at most 4096 bytes, as upstream.
 */
public final class Metadata {
    public static final int MAX_BYTES = 4096;

    private Metadata() {
    }

    /**
     * The object's JSON text as stored, or empty text for null.
     *
     * @param field the field's name in errors, such as {@code metadata} or {@code message.metadata}
     * @param owner what the metadata belongs to, in the size error, such as {@code App}
     */
    public static String flat(JsonNode node, String field, String owner) {
        if (node.isNull()) {
            return "";
        }
        if (!node.isObject()) {
            throw ApiException.badRequest(field + " must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = fields.next();
            JsonNode value = entry.getValue();
            if (!(value.isTextual() || value.isNumber() || value.isBoolean())) {
                throw ApiException.badRequest(field + "." + JsonFields.printable(entry.getKey())
                        + " must be a string, number or boolean: " + field + " is a flat object");
            }
        }
        String json;
        try {
            json = Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(field + " could not be read");
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ApiException.badRequest(owner + " metadata is limited to " + MAX_BYTES + " bytes in size.");
        }
        return json;
    }
}
