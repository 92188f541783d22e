package dev.parley.http;

import dev.parley.api.ApiException;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a request body as a JSON object. The Content-Type header decides 415; a JSON body that does not parse or
 * is not an object is a 400; a body over the limit is a 413.
 */
public final class JsonBody {
    public static final int MAX_BYTES = 100 * 1024;
    private static final String BODY = "parley.body";
    /** The most of a refused body read and dropped before answering, so the connection closes cleanly. */
    static final long MAX_DISCARDED_BYTES = 4L * 1024 * 1024;

    private JsonBody() {
    }

    public static ObjectNode read(Context ctx) {
        String contentType = ctx.header("Content-Type");
        byte[] body = raw(ctx);
        if (contentType == null ? body.length > 0 : !isJson(contentType)) {
            throw new ApiException(415, "unsupported_media_type",
                    "Request bodies must be sent with Content-Type: application/json");
        }
        if (body.length == 0) {
            throw ApiException.badRequest("The request body must be a JSON object");
        }
        JsonNode node = parse(body);
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object");
        }
        requireUnicodeText(node);
        return (ObjectNode) node;
    }

    private static JsonNode parse(byte[] body) {
        try (JsonParser parser = Json.mapper().createParser(body)) {
            try {
                return Json.mapper().readTree(parser);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(where(parser) + " is a number out of range: numbers must be finite "
                        + "as a double, at most about 1.8e308 either side of zero");
            } catch (StreamConstraintsException e) {
                throw ApiException.badRequest("The request body has a number longer than 64 characters or nests "
                        + "objects and arrays deeper than 32");
            }
        } catch (JacksonException e) {
            throw ApiException.badRequest("The request body is not valid JSON");
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read");
        }
    }

    /** The field the parser stands on, as titles name fields: {@code metadata.plan}, {@code items[2]}. */
    private static String where(JsonParser parser) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext context = parser.getParsingContext(); !context.inRoot(); context = context.getParent()) {
            path.insert(0, context.inArray() ? "[" + context.getCurrentIndex() + "]"
                    : "." + JsonFields.printable(context.getCurrentName()));
        }
        return path.isEmpty() ? "The request body" : path.substring(path.charAt(0) == '.' ? 1 : 0);
    }

    /**
     * A JSON string escape (backslash, u, four hex digits) can spell half a surrogate pair, which no Unicode text
     * contains: stored, it would come back as "?". Refused instead, wherever it is in the body.
     */
    private static void requireUnicodeText(JsonNode node) {
        if (node.isTextual()) {
            requireUnicodeText(node.textValue());
        } else if (node.isContainerNode()) {
            // Field names need no look: the parser already refuses half a pair in one.
            node.forEach(JsonBody::requireUnicodeText);
        }
    }

    private static void requireUnicodeText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ApiException.badRequest("The request body contains a \\u escape of half a surrogate pair "
                        + "(\\ud800 to \\udfff without its other half), which is not Unicode text");
            }
        }
    }

    /**
     * Reads the body now (so transport errors come first) and returns its validation for later: services validate
     * a body only once they know the caller may make the request, so a forbidden caller always learns just that.
     */
    public static <T> Supplier<T> bodyOf(Context ctx, Function<ObjectNode, T> validation) {
        ObjectNode body = read(ctx);
        return () -> validation.apply(body);
    }

    static boolean isJson(String contentType) {
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return mediaType.toLowerCase(Locale.ROOT).equals("application/json");
    }

    /**
     * Reads any request body (up to the limit) before anything else answers. A server that answers without reading
     * what the client is still sending and then closes the connection makes the client's network stack reset it,
     * and the answer (a 401, say) is lost; so the body is read first, whatever the route will make of it. Dashboard
     * forms are left to the form parser, multipart forms (file uploads, up to 50 MB) to the route that streams
     * them, and the bodies of the other routes that stream theirs (imports) to those routes.
     */
    public static void readFirst(Context ctx, List<Pattern> streamed) {
        boolean hasBody = ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
        if (hasBody && !ctx.path().startsWith("/dashboard") && !isMultipartForm(ctx.header("Content-Type"))
                && streamed.stream().noneMatch(pattern -> pattern.matcher(ctx.path()).matches())) {
            ctx.attribute(BODY, readLimited(ctx));
        }
    }

    /** The request body's bytes as sent (up to the limit), kept for whatever reads them next. */
    public static byte[] raw(Context ctx) {
        byte[] read = ctx.attribute(BODY);
        if (read == null) {
            read = readLimited(ctx);
            ctx.attribute(BODY, read);
        }
        return read;
    }

    private static byte[] readLimited(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > MAX_BYTES) {
                throw tooLarge(in, declared);
            }
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge(in, declared);
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read");
        }
    }

    /**
     * The 413 for an oversized body, after reading (and dropping) what the client is still sending, up to a bound:
     * an answer given while the client still sends is often lost to a connection reset. Past the bound the
     * connection is simply closed.
     */
    private static ApiException tooLarge(InputStream in, long declared) throws IOException {
        if (declared <= MAX_DISCARDED_BYTES) {
            discard(in);
        }
        return tooLarge();
    }

    /**
     * Reads and drops what the client is still sending, up to a bound, before an answer given while a streamed
     * body was still arriving; past the bound the connection is simply closed after the answer.
     */
    public static void discardRest(Context ctx) {
        try {
            discard(ctx.req().getInputStream());
        } catch (IOException unreadable) {
            // The answer goes out all the same; the connection closes after it.
        }
    }

    private static void discard(InputStream in) throws IOException {
        long discarded = 0;
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0 && discarded < MAX_DISCARDED_BYTES; n = in.read(buffer)) {
            discarded += n;
        }
    }

    /** Whether the Content-Type announces a multipart form (a file upload). */
    public static boolean isMultipartForm(String contentType) {
        return contentType != null && contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "payload_too_large", "JSON request bodies are limited to 100 KB");
    }
}
