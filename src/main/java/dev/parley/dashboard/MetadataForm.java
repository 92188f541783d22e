package dev.parley.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.http.Json;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Metadata as rows of key, value and type (text, number, true/false), a few empty rows to add more, read into the
 * flat JSON object the API takes. Rows left empty are dropped; a value needs a key, and a key is given once.
 */
final class MetadataForm {
    static final String TEXT = "text";
    static final String NUMBER = "number";
    static final String BOOLEAN = "boolean";
    private static final int EMPTY_ROWS = 3;

    /** One row of the form. */
    record Row(String key, String value, String type) {
    }

    private MetadataForm() {
    }

    /** The rows of stored metadata, then empty rows to add keys. */
    static List<Row> rows(String metadata) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Object> entry : JsonViews.object(metadata).entrySet()) {
            Object value = entry.getValue();
            String type = value instanceof Number ? NUMBER : value instanceof Boolean ? BOOLEAN : TEXT;
            rows.add(new Row(entry.getKey(), String.valueOf(value), type));
        }
        return withEmptyRows(rows);
    }

    /** The rows as sent, to show them again with an error. */
    static List<Row> sent(Context ctx) {
        List<String> keys = ctx.formParams("key");
        List<String> values = ctx.formParams("value");
        List<String> types = ctx.formParams("type");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Row row = new Row(keys.get(i).strip(), i < values.size() ? values.get(i) : "",
                    i < types.size() ? types.get(i) : TEXT);
            if (!row.key().isEmpty() || !row.value().isEmpty()) {
                rows.add(row);
            }
        }
        return rows;
    }

    static List<Row> withEmptyRows(List<Row> rows) {
        List<Row> all = new ArrayList<>(rows);
        for (int i = 0; i < EMPTY_ROWS; i++) {
            all.add(new Row("", "", TEXT));
        }
        return all;
    }

    /** The body {@code {"metadata": {...}}}; a row that cannot be read is a 400 that names it. */
    static ObjectNode body(Context ctx) {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode metadata = body.putObject("metadata");
        for (Row row : sent(ctx)) {
            if (row.key().isEmpty()) {
                throw ApiException.badRequest("The value “" + row.value() + "” needs a key");
            }
            if (metadata.has(row.key())) {
                throw ApiException.badRequest("The key “" + row.key() + "” is given twice");
            }
            switch (row.type()) {
                case NUMBER -> metadata.put(row.key(), number(row));
                case BOOLEAN -> metadata.put(row.key(), bool(row));
                default -> metadata.put(row.key(), row.value());
            }
        }
        return body;
    }

    private static BigDecimal number(Row row) {
        try {
            return new BigDecimal(row.value().strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("The value of “" + row.key() + "” is not a number");
        }
    }

    private static boolean bool(Row row) {
        return switch (row.value().strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("The value of “" + row.key() + "” must be true or false");
        };
    }
}
