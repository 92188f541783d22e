package dev.parley.fuzz;

import static dev.parley.fuzz.Gen.w;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Request bodies as text: JSON values of every kind (objects with the API's field names and random ones, strings
 * from all over Unicode and of every length, numbers huge, fractional, negative and with exponents), JSON that
 * bends the rules (duplicate keys, deep nesting, numbers JSON does not allow) and text that is no JSON at all.
 */
final class JsonText {
    /** Field names the API knows somewhere, and near misses of them. */
    static final List<String> KNOWN_KEYS = List.of("displayName", "name", "settings", "metadata", "maxApps", "id",
            "_id", "appToken", "secret", "accountId", "serviceAccountId", "appId", "key", "keys", "apps",
            "conversationRetentionSeconds", "maskCreditCardNumbers", "useAnimalNames", "echoPostback",
            "ignoreAutoConversationStart", "multiConvoEnabled", "appLocalizationEnabled", "endSessionEnabled",
            "disableConversationReopen", "__proto__", "constructor", "", "displayname", "DisplayName",
            "displayName ", " displayName", "display_name", "max_apps", "appCount", "kind", "externalId", "profile",
            "givenName", "signedUpAt", "type", "participants", "userId", "userExternalId", "participantId",
            "author", "content", "text", "subscribeSDKClient");

    static final List<String> SETTINGS = List.of("conversationRetentionSeconds", "maskCreditCardNumbers",
            "useAnimalNames", "echoPostback", "ignoreAutoConversationStart", "multiConvoEnabled",
            "appLocalizationEnabled", "endSessionEnabled", "disableConversationReopen");

    /** Words an error title must never carry: they would betray the server's parts. */
    static final Pattern INTERNAL_WORDS = Pattern.compile(
            "exception|org\\.h2|postgres|jdbi|jetty|javalin|hikari|flyway|sql|java\\.|dev\\.parley|\\tat |stack"
                    + "|constraint|violat|syntax",
            Pattern.CASE_INSENSITIVE);

    /** SQL an error title must never carry (upper case: titles may well say "delete one" in plain English). */
    static final Pattern SQL_WORDS = Pattern.compile("\\b(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES|FROM)\\b");

    /** What generated names avoid, since the API may quote a client's property name back in a title. */
    private static final Pattern UNSAFE_IN_NAMES = Pattern.compile(INTERNAL_WORDS.pattern()
            + "|select|insert|update|delete|where|values|from", Pattern.CASE_INSENSITIVE);

    private JsonText() {
    }

    /** Any JSON value, objects most often. */
    static String value(Gen gen, int depth) {
        if (depth <= 0) {
            return scalar(gen);
        }
        return gen.weighted(
                w(35, () -> object(gen, depth - 1)),
                w(10, () -> array(gen, depth - 1)),
                w(55, () -> scalar(gen)));
    }

    static String scalar(Gen gen) {
        return gen.weighted(
                w(40, () -> string(gen)),
                w(35, () -> number(gen)),
                w(12, () -> gen.oneOf("true", "false")),
                w(8, () -> "null"),
                w(5, () -> gen.oneOf("True", "NULL", "undefined", "NaN", "Infinity", "-Infinity", "'x'", "nul")));
    }

    static String object(Gen gen, int depth) {
        StringBuilder json = new StringBuilder("{");
        int fields = gen.between(0, 6);
        String repeated = null;
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                json.append(',');
            }
            String key = repeated != null && gen.chance(0.3) ? repeated : key(gen);
            repeated = key;
            json.append(quote(gen, key)).append(gen.chance(0.05) ? " : " : ":").append(value(gen, depth));
        }
        return json.append('}').toString();
    }

    static String array(Gen gen, int depth) {
        StringBuilder json = new StringBuilder("[");
        int items = gen.between(0, 5);
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(value(gen, depth));
        }
        return json.append(']').toString();
    }

    static String key(Gen gen) {
        return gen.weighted(
                w(60, () -> gen.oneOf(KNOWN_KEYS)),
                w(40, () -> safeName(gen, gen.unicode(0, 24))));
    }

    /** A name that cannot be mistaken for an internal detail when the server quotes it back. */
    static String safeName(Gen gen, String name) {
        return UNSAFE_IN_NAMES.matcher(name).find() ? "k" + gen.alphanumeric(1, 6) : name;
    }

    static String string(Gen gen) {
        return quote(gen, text(gen));
    }

    /** Text for a string value: short and long, plain and hostile. */
    static String text(Gen gen) {
        return gen.weighted(
                w(25, () -> gen.alphanumeric(1, 30)),
                w(25, () -> gen.unicode(0, 40)),
                w(8, () -> gen.printableUnicode(95, 105)),
                w(6, () -> "x".repeat(gen.oneOf(99, 100, 101, 4096, 4097))),
                w(6, () -> emoji(gen.oneOf(50, 51, 99, 100, 101))),
                w(5, () -> gen.unicode(200, 5000)),
                w(4, () -> gen.oneOf("", " ", "\t", "\u00a0", "\u3000", "\u200b")),
                w(4, () -> gen.oneOf("\u0000", "a\u0000b", "\ud800", "\udc00x", "x\ud83d", "\ufffe")),
                w(4, () -> gen.oneOf("' OR '1'='1", "\"; DROP TABLE apps; --", "%s%n%x", "${jndi:ldap://x/a}",
                        "<script>alert(1)</script>", "../../etc/passwd", "null", "true", "0", "1e400")),
                w(3, () -> "y".repeat(gen.between(10_000, 60_000))));
    }

    /** {@code count} copies of an emoji: {@code count} code points, twice as many UTF-16 units, 4 bytes each in UTF-8. */
    static String emoji(int count) {
        return "\ud83d\ude00".repeat(count);
    }

    static String number(Gen gen) {
        return gen.weighted(
                w(20, () -> String.valueOf(gen.between(-5, 5000))),
                w(10, () -> String.valueOf(gen.nextLong())),
                w(15, () -> gen.oneOf("0", "-0", "1", "-1", "0.0", "1.0", "1.5", "-1.5", "3600", "2147483647",
                        "2147483648", "-2147483648", "-2147483649", "4294967296", "9223372036854775807",
                        "9223372036854775808", "-9223372036854775809", "1e3", "1E3", "1e+3", "1e-3", "1E400",
                        "-1e400", "1e-400", "0.1e1", "123456789012345678901234567890", "1.7976931348623157e308",
                        "4.9e-324", "100.000")),
                w(5, () -> "9".repeat(gen.between(60, 70))),
                w(5, () -> "1." + "0".repeat(gen.between(60, 2000))),
                w(4, () -> gen.oneOf("01", "+1", ".5", "1.", "0x10", "1e", "--1", "1_000", "١")),
                w(6, () -> String.format(Locale.ROOT, "%s%d.%de%d", gen.chance(0.5) ? "-" : "", gen.between(0, 99),
                        gen.between(0, 99), gen.between(-400, 400))));
    }

    /** A JSON string literal for any Java string: lone surrogates and controls escaped, other characters now and then. */
    static String quote(Gen gen, String text) {
        boolean escapeFreely = gen.chance(0.1);
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || lone || (escapeFreely && c > 0x7e)) {
                json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** Text that is not one well-formed JSON value. */
    static String notJson(Gen gen) {
        return gen.weighted(
                w(30, () -> gen.oneOf("{", "}", "{\"displayName\":}", "{\"displayName\":\"x\",}", "[1,2",
                        "{'displayName':'x'}", "{displayName:\"x\"}", "{\"displayName\":\"x\"} {}",
                        "{\"displayName\":\"x\"} trailing", "/* c */ {\"displayName\":\"x\"}",
                        "{\"displayName\":\"x\" // c\n}", "\ufeff{\"displayName\":\"x\"}", "{\"a\":NaN}",
                        "{\"a\":Infinity}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\t\"}",
                        "{\"a\":\"unterminated}", "{\"a\" \"b\"}", "{,}", "{\"a\":1,,\"b\":2}", "\"",
                        "<app><displayName>x</displayName></app>", "displayName=x&settings=y", "---\ndisplayName: x",
                        "\u0000", "{\"displayName\":\"x\"}\u0000", "{\"a\":01}", "{\"a\":.5}", "{\"a\":tru}")),
                w(30, () -> gen.unicode(1, 200)),
                w(20, () -> object(gen, 3).replaceFirst("\\}$", "")),
                w(20, () -> gen.printableAscii(1, 200)));
    }

    /** Objects or arrays nested {@code depth} deep. */
    static String nested(Gen gen, int depth) {
        boolean objects = gen.chance(0.5);
        String open = objects ? "{\"settings\":" : "[";
        String close = objects ? "}" : "]";
        return "{\"displayName\":\"deep\",\"metadata\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}";
    }

    /** A valid JSON object of about {@code bytes} bytes (ASCII). */
    static String ofSize(Gen gen, int bytes) {
        String head = "{\"displayName\":\"big\",\"metadata\":{\"k\":\"";
        String tail = "\"}}";
        return head + "z".repeat(Math.max(0, bytes - head.length() - tail.length())) + tail;
    }
}
