package dev.parley.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.api.Timestamps;
import dev.parley.crypto.IdGenerator;
import dev.parley.http.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** Export records (one line each: the kind, then the object as the API shows it), and reading their fields. */
public final class Records {
    public static final String KIND = "kind";

    private Records() {
    }

    /** The record of that kind: the object's API view as a tree, after its kind. */
    public static ObjectNode of(String kind, Object view) {
        ObjectNode record = Json.mapper().createObjectNode().put(KIND, kind);
        try {
            record.setAll((ObjectNode) Json.mapper().readTree(Json.mapper().writeValueAsString(view)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a " + kind + " could not be written", e);
        }
        return record;
    }

    /** The record without the fields named (its kind, fields that only the API view shows). */
    public static ObjectNode without(ObjectNode record, Set<String> fields) {
        ObjectNode copy = record.deepCopy();
        copy.remove(fields);
        copy.remove(KIND);
        return copy;
    }

    /** The record's id field, which must be a record id. */
    public static String id(ObjectNode record, String field) {
        JsonNode value = record.get(field);
        if (value == null || !value.isTextual() || !IdGenerator.isId(value.textValue())) {
            throw ApiException.badRequest(field + " must be a record id (24 lowercase hex characters)");
        }
        return value.textValue();
    }

    /** The record's timestamp field, to the millisecond; null when absent and not required. */
    public static Instant time(ObjectNode record, String field, boolean required) {
        JsonNode value = record.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiException.badRequest(field + " is required");
            }
            return null;
        }
        try {
            if (value.isTextual()) {
                return Instant.parse(Timestamps.format(OffsetDateTime.parse(value.textValue()).toInstant()));
            }
        } catch (DateTimeParseException e) {
            // Answered below.
        }
        throw ApiException.badRequest(field + " must be an ISO-8601 date and time, such as 2026-12-06T13:24:14.123Z");
    }

    /** A skipped record, or the refusal of one whose id the app has with other content. */
    public static TransferSection.Applied sameOrRefused(String kind, ObjectNode existing, ObjectNode incoming) {
        if (!existing.equals(incoming)) {
            throw ApiException.conflict("The app has a " + kind + " with this id and other content");
        }
        return TransferSection.Applied.SKIPPED;
    }
}
