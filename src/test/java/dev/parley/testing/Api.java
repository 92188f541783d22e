package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A client of a running server over a real socket. Every response it receives is held to the published contract:
 * it must match openapi.yaml, and every error must have the error shape.
 */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Response get(String path, Auth auth) {
        return send("GET", path, auth, null, null, Map.of());
    }

    public Response delete(String path, Auth auth) {
        return send("DELETE", path, auth, null, null, Map.of());
    }

    public Response post(String path, Auth auth, String json) {
        return send("POST", path, auth, "application/json", json, Map.of());
    }

    public Response patch(String path, Auth auth, String json) {
        return send("PATCH", path, auth, "application/json", json, Map.of());
    }

    public Response put(String path, Auth auth) {
        return send("PUT", path, auth, null, null, Map.of());
    }

    public Response put(String path, Auth auth, String json) {
        return send("PUT", path, auth, "application/json", json, Map.of());
    }

    public Response send(String method, String path, Auth auth, String contentType, String body,
                         Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (auth != null && auth.header() != null) {
            request.header("Authorization", auth.header());
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> raw;
        try {
            raw = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        Response response = new Response(raw.statusCode(), raw.headers(), raw.body(), parse(raw.body()));
        checkContract(method, path, response);
        return response;
    }

    /**
     * The response contract every test relies on; public so that raw-socket tests can apply it too. A HEAD response
     * has no body, so only its status and headers are checked.
     */
    public static void checkContract(String method, String path, Response response) {
        if (response.status() >= 400 && !method.equals("HEAD")) {
            assertThat(response.json())
                    .as("error body of %s %s: %s", method, path, response.text())
                    .isNotNull();
            JsonNode errors = response.json().path("errors");
            assertThat(errors.isArray() && errors.size() >= 1
                    && errors.get(0).path("code").isTextual() && errors.get(0).path("title").isTextual())
                    .as("error shape of %s %s: %s", method, path, response.text())
                    .isTrue();
            assertThat(response.text()).as("no internals in %s %s", method, path)
                    .doesNotContain("Exception", "at dev.parley", "org.h2", "org.postgresql", "jdbi");
        }
        if (OpenApiContract.describes(method, path)) {
            OpenApiContract.check(method, path, response);
        } else {
            assertThat(response.status()).as("%s %s answered %s but openapi.yaml does not describe it",
                    method, path, response.status()).isGreaterThanOrEqualTo(400);
        }
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
