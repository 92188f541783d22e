package dev.parley.messages.content;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The fields of a form message: text, email or select, with their labels, sizes and options. */
final class FormFields {
    private static final int MAX_LABEL = 128;
    private static final int MAX_SIZE = 256;

    private FormFields() {
    }

    /** Checks one field; answers its name. */
    static String check(JsonNode node, String path) {
        Fields field = Fields.object(node, path, Set.of("type", "name", "label", "placeholder", "minSize", "maxSize",
                "options", "format"));
        String type = field.oneOf("type", List.of("email", "select", "text"), true);
        String name = field.text("name", 1, MAX_LABEL, true);
        field.text("label", 1, MAX_LABEL, true);
        field.text("placeholder", 1, MAX_LABEL, false);
        // minSize and maxSize bound the answer to a text field, and are accepted on every field: the published Java
        // client sends its defaults (1 and 128) on each field it serialises, email and select fields too.
        if (!type.equals("text") && field.has("format")) {
            throw Fields.bad(field.name("format") + " applies only to fields of type text");
        }
        long minSize = field.integer("minSize", 1, MAX_SIZE, false);
        long maxSize = field.has("maxSize") ? field.integer("maxSize", 1, MAX_SIZE, true) : MAX_LABEL;
        if (minSize > maxSize) {
            throw Fields.bad(field.name("minSize") + " cannot be more than maxSize");
        }
        field.oneOf("format", List.of("integer", "decimal"), false);
        if (type.equals("select")) {
            options(field);
        } else if (field.has("options")) {
            throw Fields.bad(field.name("options") + " applies only to fields of type select");
        }
        return name;
    }

    private static void options(Fields field) {
        List<JsonNode> options = field.array("options", 1, 200, true);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < options.size(); i++) {
            Fields option = Fields.object(options.get(i), field.name("options") + "[" + i + "]",
                    Set.of("label", "name"));
            option.text("label", 1, MAX_LABEL, true);
            if (!names.add(option.text("name", 1, MAX_LABEL, true))) {
                throw Fields.bad(option.name("name") + " must be unique in the field");
            }
        }
    }
}
