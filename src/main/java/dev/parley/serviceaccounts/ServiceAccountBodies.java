package dev.parley.serviceaccounts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.http.JsonFields;
import java.util.Optional;
import java.util.Set;

/** Service account request bodies: {@code {"displayName"}} in v2, {@code {"name"}} in v1.1. */
public final class ServiceAccountBodies {
    private ServiceAccountBodies() {
    }

    public static String forCreate(ObjectNode body) {
        return named(body, "displayName", true).orElseThrow();
    }

    public static Optional<String> forUpdate(ObjectNode body) {
        return named(body, "displayName", false);
    }

    static String forCreateV1(ObjectNode body) {
        return named(body, "name", true).orElseThrow();
    }

    static Optional<String> forUpdateV1(ObjectNode body) {
        return named(body, "name", false);
    }

    private static Optional<String> named(ObjectNode body, String field, boolean required) {
        JsonFields.allowOnly(body, "The service account", Set.of(field));
        return JsonFields.displayName(body, field, required);
    }
}
