package dev.parley.keys;

import dev.parley.http.JsonFields;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** The body that creates a key of any kind: {@code {"displayName"}}. */
public final class KeyBodies {
    private KeyBodies() {
    }

    public static String displayName(ObjectNode body) {
        return named(body, "displayName");
    }

    /** The v1.1 body: {@code {"name"}}. */
    public static String nameV1(ObjectNode body) {
        return named(body, "name");
    }

    private static String named(ObjectNode body, String field) {
        JsonFields.allowOnly(body, "The key", Set.of(field));
        return JsonFields.displayName(body, field, true).orElseThrow();
    }
}
