package dev.parley.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** The body that creates a key of any kind: {@code {"displayName"}}. */
public final class KeyBodies {
    private KeyBodies() {
    }

    public static String displayName(ObjectNode body) {
        JsonFields.allowOnly(body, "The key", Set.of("displayName"));
        return JsonFields.displayName(body, "displayName", true).orElseThrow();
    }
}
