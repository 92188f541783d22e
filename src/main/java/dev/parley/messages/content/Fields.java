package dev.parley.messages.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.http.JsonFields;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Strict reads of one object of a posted message, naming each field by its path ({@code content.items[2].title})
 * in errors. Absent fields are optional unless required; null is never a value.
 */
final class Fields {
    static final int MAX_URL = 2048;

    private final ObjectNode node;
    private final String path;

    private Fields(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The object at {@code path}, with only the allowed properties. */
    static Fields object(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw bad(path + " must be an object");
        }
        JsonFields.allowOnly((ObjectNode) node, path, allowed);
        return new Fields((ObjectNode) node, path);
    }

    /** The field's path in errors; the fields of the body itself go by their own names. */
    String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    boolean has(String field) {
        return node.has(field);
    }

    /** The field's value, or null when absent; a JSON null is refused. */
    JsonNode value(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null) {
            if (required) {
                throw bad(name(field) + " is required");
            }
            return null;
        }
        if (value.isNull()) {
            throw bad(name(field) + " cannot be null");
        }
        return value;
    }

    /** A string of {@code min} to {@code max} characters, or null when absent. */
    String text(String field, int min, int max, boolean required) {
        JsonNode value = value(field, required);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw bad(name(field) + " must be a string");
        }
        String text = value.textValue();
        int length = text.codePointCount(0, text.length());
        if (length < min || length > max) {
            throw bad(name(field) + (min == 0 ? " must be at most " + max + " characters"
                    : " must be " + min + " to " + max + " characters"));
        }
        return text;
    }

    /** An absolute URI (a scheme, then the rest) of at most 2048 characters, or null when absent. */
    String uri(String field, boolean required) {
        String text = text(field, 1, MAX_URL, required);
        if (text != null) {
            try {
                if (!new URI(text).isAbsolute()) {
                    throw bad(name(field) + " must be an absolute URL, such as https://example.org/image.png");
                }
            } catch (URISyntaxException e) {
                throw bad(name(field) + " must be a URL");
            }
        }
        return text;
    }

    /** One of the values, or null when absent. */
    String oneOf(String field, List<String> values, boolean required) {
        String text = text(field, 0, Integer.MAX_VALUE, required);
        if (text != null && !values.contains(text)) {
            throw bad(name(field) + " must be one of " + String.join(", ", values));
        }
        return text;
    }

    Boolean bool(String field) {
        JsonNode value = value(field, false);
        return value == null ? null : JsonFields.bool(value, name(field));
    }

    double number(String field, double min, double max) {
        JsonNode value = value(field, true);
        if (!value.isNumber() || value.doubleValue() < min || value.doubleValue() > max) {
            throw bad(name(field) + " must be a number from " + (long) min + " to " + (long) max);
        }
        return value.doubleValue();
    }

    long integer(String field, long min, long max, boolean required) {
        JsonNode value = value(field, required);
        return value == null ? min : JsonFields.integer(value, name(field), min, max);
    }

    /** The array's elements ({@code min} to {@code max} of them), or an empty list when absent. */
    List<JsonNode> array(String field, int min, int max, boolean required) {
        JsonNode value = value(field, required);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray() || value.size() < min || value.size() > max) {
            throw bad(name(field) + " must be an array of " + min + " to " + max + " items");
        }
        List<JsonNode> elements = new ArrayList<>();
        value.forEach(elements::add);
        return elements;
    }

    /** Refuses a property the server sets itself, with a title that says so. */
    void refuseReadOnly(Set<String> readOnly) {
        for (String field : readOnly) {
            if (node.has(field)) {
                throw bad(name(field) + " is read-only: the server sets it");
            }
        }
    }

    static ApiException bad(String title) {
        return ApiException.badRequest(title);
    }
}
