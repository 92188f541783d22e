package dev.parley.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.api.ApiException;
import java.util.Optional;

/** A string field of a request with a length range in characters, as upstream's data-plane fields have. */
public final class BoundedText {
    private BoundedText() {
    }

    /**
     * The field's text; empty when absent or null.
     *
     * @param field the field's name in errors, such as {@code profile.email}
     */
    public static Optional<String> optional(JsonNode value, String field, int min, int max) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(field + " must be a string");
        }
        String text = value.textValue();
        int length = text.codePointCount(0, text.length());
        if (length < min || length > max) {
            throw ApiException.badRequest(field + " must be " + (min == 0 ? "at most " + max : min + " to " + max)
                    + " characters long");
        }
        return Optional.of(text);
    }
}
