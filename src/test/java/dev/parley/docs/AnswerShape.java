package dev.parley.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An answer as the README shows it in a comment: JSON where {@code …} stands for what the server chooses.
 * <ul>
 *   <li>{@code {"a":1,"b"}} is an object with exactly the keys a (equal to 1) and b (any value);
 *       {@code {"a":1,…}} may have more keys, and {@code {…}} is any object.</li>
 *   <li>{@code ["x",{…}]} is an array of exactly those elements; {@code ["x",…]} may have more after them, and
 *       {@code […]} is any array.</li>
 *   <li>{@code "act_…"} is a string, {@code …} matching any run of characters; numbers, booleans and null are equal
 *       to themselves.</li>
 * </ul>
 */
final class AnswerShape {
    private static final String ANY = "…";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String text;
    private final Shape shape;
    private int at;

    private AnswerShape(String text) {
        this.text = text;
        this.shape = value();
        skipSpace();
        if (at != text.length()) {
            throw error("text after the answer");
        }
    }

    static AnswerShape parse(String text) {
        return new AnswerShape(text);
    }

    /** Why the answer does not have this shape, or null when it has. */
    String mismatch(JsonNode answer) {
        return shape.mismatch(answer, "$");
    }

    @Override
    public String toString() {
        return text;
    }

    private interface Shape {
        String mismatch(JsonNode answer, String path);
    }

    private record ObjectShape(Map<String, Shape> members, boolean open) implements Shape {
        @Override
        public String mismatch(JsonNode answer, String path) {
            if (!answer.isObject()) {
                return path + " is " + answer + ", not an object";
            }
            for (Map.Entry<String, Shape> member : members.entrySet()) {
                JsonNode value = answer.get(member.getKey());
                if (value == null) {
                    return path + " has no \"" + member.getKey() + "\": " + answer;
                }
                String mismatch = member.getValue().mismatch(value, path + "." + member.getKey());
                if (mismatch != null) {
                    return mismatch;
                }
            }
            for (Iterator<String> names = answer.fieldNames(); names.hasNext() && !open; ) {
                String name = names.next();
                if (!members.containsKey(name)) {
                    return path + " has \"" + name + "\", which the README does not show: " + answer;
                }
            }
            return null;
        }
    }

    private record ArrayShape(List<Shape> elements, boolean open) implements Shape {
        @Override
        public String mismatch(JsonNode answer, String path) {
            if (!answer.isArray()) {
                return path + " is " + answer + ", not an array";
            }
            if (answer.size() < elements.size() || (!open && answer.size() > elements.size())) {
                return path + " has " + answer.size() + " elements where the README shows " + elements.size()
                        + (open ? " or more" : "") + ": " + answer;
            }
            for (int i = 0; i < elements.size(); i++) {
                String mismatch = elements.get(i).mismatch(answer.get(i), path + "[" + i + "]");
                if (mismatch != null) {
                    return mismatch;
                }
            }
            return null;
        }
    }

    /** A string, where … matches any run of characters. */
    private record TextShape(Pattern pattern, String shown) implements Shape {
        @Override
        public String mismatch(JsonNode answer, String path) {
            return answer.isTextual() && pattern.matcher(answer.asText()).matches() ? null
                    : path + " is " + answer + ", not \"" + shown + "\"";
        }
    }

    private record LiteralShape(JsonNode value) implements Shape {
        @Override
        public String mismatch(JsonNode answer, String path) {
            return answer.equals(value) ? null : path + " is " + answer + ", not " + value;
        }
    }

    private static final Shape ANYTHING = (answer, path) -> null;

    private Shape value() {
        skipSpace();
        if (accept("{")) {
            return object();
        }
        if (accept("[")) {
            return array();
        }
        if (accept("\"")) {
            String shown = string();
            StringBuilder pattern = new StringBuilder();
            for (String part : shown.split(ANY, -1)) {
                pattern.append(pattern.isEmpty() ? "" : ".*").append(Pattern.quote(part));
            }
            return new TextShape(Pattern.compile(pattern.toString(), Pattern.DOTALL), shown);
        }
        int start = at;
        while (at < text.length() && "-+.0123456789abcdefghijklmnopqrstuvwxyzE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        try {
            return new LiteralShape(JSON.readTree(text.substring(start, at)));
        } catch (Exception e) {
            throw error("a value");
        }
    }

    private Shape object() {
        Map<String, Shape> members = new LinkedHashMap<>();
        boolean open = items("}", () -> {
            expect("\"");
            String name = string();
            skipSpace();
            members.put(name, accept(":") ? value() : ANYTHING);
        });
        return new ObjectShape(members, open);
    }

    private Shape array() {
        List<Shape> elements = new ArrayList<>();
        boolean open = items("]", () -> elements.add(value()));
        return new ArrayShape(elements, open);
    }

    /** Items separated by commas up to the closing bracket, each "…" or read by {@code item}; whether one was "…". */
    private boolean items(String close, Runnable item) {
        boolean open = false;
        skipSpace();
        if (accept(close)) {
            return false;
        }
        do {
            skipSpace();
            if (accept(ANY)) {
                open = true;
            } else {
                item.run();
            }
            skipSpace();
        } while (accept(","));
        expect(close);
        return open;
    }

    /** The rest of a string whose opening quote was read; the README's answers need no escapes. */
    private String string() {
        int end = text.indexOf('"', at);
        if (end < 0) {
            throw error("a closing quote");
        }
        String value = text.substring(at, end);
        at = end + 1;
        return value;
    }

    private boolean accept(String token) {
        if (text.startsWith(token, at)) {
            at += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw error(token);
        }
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("expected " + expected + " at character " + at + " of the README's "
                + "answer " + text);
    }
}
