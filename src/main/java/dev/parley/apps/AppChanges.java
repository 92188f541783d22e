package dev.parley.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.http.Json;
import dev.parley.http.JsonFields;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A validated app create or update body.
 *
 * @param metadata present when the body names metadata: the JSON text of a flat object, or empty text for null
 */
public record AppChanges(Optional<String> displayName, AppSettingsChange settings, Optional<String> metadata) {
    public static final int MAX_METADATA_BYTES = 4096;
    public static AppChanges forCreate(ObjectNode body) {
        return parse(body, true, "displayName");
    }

    public static AppChanges forUpdate(ObjectNode body) {
        return parse(body, false, "displayName");
    }

    /** The v1.1 body, which calls the display name {@code name}. */
    public static AppChanges forCreateV1(ObjectNode body) {
        return parse(body, true, "name");
    }

    public static AppChanges forUpdateV1(ObjectNode body) {
        return parse(body, false, "name");
    }

    private static AppChanges parse(ObjectNode body, boolean create, String nameField) {
        JsonFields.allowOnly(body, "The app", Set.of(nameField, "settings", "metadata"));
        Optional<String> displayName = JsonFields.displayName(body, nameField, create);
        AppSettingsChange settings = AppSettingsChange.parse(body.get("settings"));
        Optional<String> metadata = body.has("metadata") ? Optional.of(metadata(body.get("metadata"))) : Optional.empty();
        return new AppChanges(displayName, settings, metadata);
    }

    /** Metadata as stored: empty text for null, otherwise the flat object's JSON, at most 4096 bytes. */
    private static String metadata(JsonNode node) {
        if (node.isNull()) {
            return "";
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("metadata must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (!(value.isTextual() || value.isNumber() || value.isBoolean())) {
                throw ApiException.badRequest("metadata." + JsonFields.printable(field.getKey())
                        + " must be a string, number or boolean: metadata is a flat object");
            }
        }
        String json;
        try {
            json = Json.mapper().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("metadata could not be read");
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_METADATA_BYTES) {
            throw ApiException.badRequest("App metadata is limited to " + MAX_METADATA_BYTES + " bytes in size.");
        }
        return json;
    }
}
