package dev.parley.apps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.http.JsonFields;
import dev.parley.http.Metadata;
import java.util.Optional;
import java.util.Set;

/**
 * A validated app create or update body.
 *
 * @param metadata present when the body names metadata: the JSON text of a flat object, or empty text for null
 */
public record AppChanges(Optional<String> displayName, AppSettingsChange settings, Optional<String> metadata) {
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
        Optional<String> metadata = body.has("metadata") ? Optional.of(Metadata.flat(body.get("metadata"), "metadata", "App")) : Optional.empty();
        return new AppChanges(displayName, settings, metadata);
    }

}
