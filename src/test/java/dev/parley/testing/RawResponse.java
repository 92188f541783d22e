package dev.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A response read off a raw socket. Header names are lower-cased. */
public record RawResponse(int status, Map<String, List<String>> headers, String headerBlock, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as JSON, or null when it is none. */
    public JsonNode json() {
        try {
            return body.isEmpty() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** The same response as the HTTP client's tests see it, for the shared contract checks. */
    public Response asResponse() {
        return new Response(status, HttpHeaders.of(headers, (name, value) -> true), body, json());
    }

    @Override
    public String toString() {
        return headerBlock + "\r\n\r\n" + body;
    }
}
