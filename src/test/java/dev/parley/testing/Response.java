package dev.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/** An HTTP response as the tests see it. */
public record Response(int status, HttpHeaders headers, String text, JsonNode json) {

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** The error code of an error response. */
    public String errorCode() {
        return json.path("errors").path(0).path("code").asText(null);
    }

    public String at(String jsonPointer) {
        return json.at(jsonPointer).asText(null);
    }

    @Override
    public String toString() {
        return status + " " + text;
    }
}
