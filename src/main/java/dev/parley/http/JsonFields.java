package dev.parley.http;

import dev.parley.api.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/** Typed, strict reads of request fields: a wrong type is a 400 that names the field, never a coercion. */
public final class JsonFields {
    private JsonFields() {
    }

    /** Refuses any property not in the allowed set. */
    public static void allowOnly(ObjectNode node, String where, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest(where + " has an unknown property '" + printable(name) + "'; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    /** A display name of 1 to 100 characters; absent or null only when not required. */
    public static Optional<String> displayName(ObjectNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiException.badRequest(field + " is required");
            }
            if (value != null) {
                throw ApiException.badRequest(field + " cannot be null");
            }
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(field + " must be a string");
        }
        String text = value.textValue();
        int length = text.codePointCount(0, text.length());
        if (length < 1 || length > 100 || text.isBlank()) {
            throw ApiException.badRequest(field + " must be 1 to 100 characters and not blank");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw ApiException.badRequest(field + " cannot contain control characters");
        }
        return Optional.of(text);
    }

    public static boolean bool(JsonNode value, String field) {
        if (!value.isBoolean()) {
            throw ApiException.badRequest(field + " must be a boolean");
        }
        return value.booleanValue();
    }

    /** An integer within the range; fractions, strings and numbers out of range are refused. */
    public static long integer(JsonNode value, String field, long min, long max) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()
                || value.longValue() < min || value.longValue() > max) {
            throw ApiException.badRequest(field + " must be an integer from " + min + " to " + max);
        }
        return value.longValue();
    }

    /** Echoes a client-supplied name in an error title safely: trimmed, and without control characters. */
    public static String printable(String text) {
        String cleaned = text.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .limit(64)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return text.length() > 64 ? cleaned + "…" : cleaned;
    }
}
