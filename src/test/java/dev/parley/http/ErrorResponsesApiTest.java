package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.Api;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.RawHttp;
import dev.parley.testing.RawResponse;
import dev.parley.testing.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Errors in the one error shape wherever they arise, limits on bodies, and the headers every response carries. */
class ErrorResponsesApiTest extends ApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 100 * 1024;

    @Test
    void answersUnknownPathsWith404() {
        AccountFixture account = createAccount("Unknown paths", null);
        for (String path : List.of("/nope", "/v2", "/v2/apps/" + "0".repeat(24) + "/nothing/here", "/admin",
                "/v1/apps", "/health/deep")) {
            Response response = api.get(path, account.basic());
            assertThat(response.status()).as(path + ": " + response).isEqualTo(404);
            assertThat(response.errorCode()).as(path).isEqualTo("not_found");
            assertThat(response.header("Content-Type")).as(path).startsWith("application/json");
            assertCommonHeaders(response, path);
        }
        Response anonymous = api.get("/nope", Auth.NONE);
        assertThat(anonymous.status()).isEqualTo(404);
        assertThat(anonymous.errorCode()).isEqualTo("not_found");
    }

    @Test
    void answersAWrongMethodWith405() {
        AccountFixture account = createAccount("Wrong methods", null);
        Map<String, Response> wrong = new LinkedHashMap<>();
        wrong.put("PUT /v2/apps", api.put("/v2/apps", account.basic()));
        wrong.put("PUT /v2/apps anonymous", api.put("/v2/apps", Auth.NONE));
        wrong.put("DELETE /v2/apps", api.delete("/v2/apps", account.basic()));
        wrong.put("POST /v2/apps/{id}", api.post("/v2/apps/" + "0".repeat(24), account.basic(), "{}"));
        wrong.put("PUT /admin/accounts", api.put("/admin/accounts", server.operator()));
        wrong.put("POST /health", api.post("/health", Auth.NONE, "{}"));
        for (Map.Entry<String, Response> entry : wrong.entrySet()) {
            Response response = entry.getValue();
            assertThat(response.status()).as(entry.getKey() + ": " + response).isEqualTo(405);
            assertThat(response.errorCode()).as(entry.getKey()).isEqualTo("method_not_allowed");
            assertCommonHeaders(response, entry.getKey());
        }
        assertThat(api.get("/v2/apps", account.basic()).json().path("apps")).isEmpty();
    }

    @Test
    void refusesBodiesOverOneHundredKilobytesWithContentLength() {
        AccountFixture account = createAccount("Big bodies", null);
        String atLimit = padded("{\"displayName\":\"At the limit\"}", LIMIT);
        Response accepted = api.post("/v2/apps", account.basic(), atLimit);
        assertThat(accepted.status()).as("exactly 100 KB of valid JSON: " + accepted).isEqualTo(201);
        List<String> before = appIds(account.basic());

        String overLimit = padded("{\"displayName\":\"Over the limit\"}", LIMIT + 1);
        Response refused = api.post("/v2/apps", account.basic(), overLimit);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(413);
        assertThat(refused.errorCode()).isEqualTo("payload_too_large");
        assertCommonHeaders(refused, "413");

        String huge = "{\"displayName\":\"Huge\",\"metadata\":{\"k\":\"" + "x".repeat(300 * 1024) + "\"}}";
        Response hugeRefused = api.post("/v2/apps", account.basic(), huge);
        assertThat(hugeRefused.status()).as(hugeRefused.toString()).isEqualTo(413);
        assertThat(hugeRefused.errorCode()).isEqualTo("payload_too_large");

        Response onPatch = api.patch("/v2/apps/" + before.get(0), account.basic(), huge);
        assertThat(onPatch.status()).isEqualTo(413);
        Response onOperator = api.post("/admin/accounts", server.operator(),
                padded("{\"displayName\":\"Too big\"}", LIMIT + 10));
        assertThat(onOperator.status()).isEqualTo(413);
        assertThat(onOperator.errorCode()).isEqualTo("payload_too_large");

        assertThat(appIds(account.basic())).as("nothing was created").isEqualTo(before);
        assertThat(api.get("/v2/apps/" + before.get(0), account.basic()).at("/app/displayName"))
                .isEqualTo("At the limit");
    }

    @Test
    void refusesChunkedBodiesOverOneHundredKilobytes() {
        AccountFixture account = createAccount("Chunked bodies", null);
        List<String> before = appIds(account.basic());

        Response small = chunkedPost("/v2/apps", account.basic(), "{\"displayName\":\"Chunked\"}");
        assertThat(small.status()).as("a small chunked body is read: " + small).isEqualTo(201);

        Response refused = chunkedPost("/v2/apps", account.basic(),
                padded("{\"displayName\":\"Chunked and big\"}", LIMIT + 1));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(413);
        assertThat(refused.errorCode()).isEqualTo("payload_too_large");
        assertCommonHeaders(refused, "chunked 413");

        Response bigger = chunkedPost("/v2/apps", account.basic(),
                "{\"displayName\":\"Chunked huge\",\"metadata\":{\"k\":\"" + "y".repeat(200 * 1024) + "\"}}");
        assertThat(bigger.status()).as(bigger.toString()).isEqualTo(413);
        assertThat(bigger.errorCode()).isEqualTo("payload_too_large");

        List<String> after = appIds(account.basic());
        assertThat(after).hasSize(before.size() + 1).containsAll(before);
        assertThat(api.get("/v2/apps/" + after.get(after.size() - 1), account.basic()).at("/app/displayName"))
                .isEqualTo("Chunked");
    }

    @Test
    void readsOnlyJsonBodies() {
        AccountFixture account = createAccount("Media types", null);
        List<String> before = appIds(account.basic());

        Response textPlain = api.send("POST", "/v2/apps", account.basic(), "text/plain",
                "{\"displayName\":\"Plain\"}", Map.of());
        assertThat(textPlain.status()).as(textPlain.toString()).isEqualTo(415);
        assertThat(textPlain.errorCode()).isEqualTo("unsupported_media_type");
        assertCommonHeaders(textPlain, "415");
        for (String type : List.of("application/x-www-form-urlencoded", "application/jsonx", "text/json")) {
            Response response = api.send("POST", "/v2/apps", account.basic(), type, "{\"displayName\":\"T\"}",
                    Map.of());
            assertThat(response.status()).as(type + ": " + response).isEqualTo(415);
        }
        Response noType = api.send("POST", "/v2/apps", account.basic(), null, "{\"displayName\":\"Untyped\"}",
                Map.of());
        assertThat(noType.status()).as("a body without Content-Type: " + noType).isEqualTo(415);

        Response malformed = api.post("/v2/apps", account.basic(), "{\"displayName\":\"Broken\"");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo("bad_request");
        Response notJsonAtAll = api.post("/v2/apps", account.basic(), "displayName=x");
        assertThat(notJsonAtAll.status()).isEqualTo(400);
        Response array = api.post("/v2/apps", account.basic(), "[{\"displayName\":\"In array\"}]");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.errorCode()).isEqualTo("bad_request");
        Response empty = api.post("/v2/apps", account.basic(), "");
        assertThat(empty.status()).isEqualTo(400);
        Response nullBody = api.post("/v2/apps", account.basic(), "null");
        assertThat(nullBody.status()).isEqualTo(400);
        assertCommonHeaders(array, "400");

        assertThat(appIds(account.basic())).as("nothing was created").isEqualTo(before);

        Response withCharset = api.send("POST", "/v2/apps", account.basic(), "application/json; charset=utf-8",
                "{\"displayName\":\"Café ☕\"}", Map.of());
        assertThat(withCharset.status()).as(withCharset.toString()).isEqualTo(201);
        assertThat(withCharset.at("/app/displayName")).isEqualTo("Café ☕");
        Response upperCase = api.send("POST", "/v2/apps", account.basic(), "Application/JSON",
                "{\"displayName\":\"Upper\"}", Map.of());
        assertThat(upperCase.status()).as(upperCase.toString()).isEqualTo(201);
        assertThat(appIds(account.basic())).hasSize(before.size() + 2);
    }

    @Test
    void servesHealthAndTheOpenApiDocument() {
        for (String path : List.of("/health", "/health/live")) {
            Response response = api.get(path, Auth.NONE);
            assertThat(response.status()).as(path + ": " + response).isEqualTo(200);
            assertThat(response.json().path("status").asText()).as(path).isEqualTo("ok");
            assertThat(response.json().has("checks")).as(path + " reports its checks").isEqualTo(path.equals("/health"));
            assertThat(response.header("Content-Type")).startsWith("application/json");
            assertCommonHeaders(response, path);
        }
        Response openApi = api.get("/openapi.yaml", Auth.NONE);
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.text()).startsWith("openapi:");
        assertCommonHeaders(openApi, "/openapi.yaml");
    }

    @Test
    void answersHeadOnTheHealthProbesExactlyLikeGetWithoutTheBody() {
        for (String path : List.of("/health", "/health/live")) {
            Response get = api.get(path, Auth.NONE);
            Response head = api.send("HEAD", path, Auth.NONE, null, null, Map.of());
            assertThat(head.status()).as("HEAD " + path).isEqualTo(get.status()).isEqualTo(200);
            assertThat(head.text()).as("HEAD " + path).isEmpty();
            assertThat(headersButDateAndRequestId(head)).as("HEAD " + path)
                    .isEqualTo(headersButDateAndRequestId(get))
                    .containsEntry("content-type", List.of("application/json"))
                    .containsEntry("content-length", List.of(String.valueOf(get.text().length())));
            assertCommonHeaders(head, "HEAD " + path);
        }
    }

    private static Map<String, List<String>> headersButDateAndRequestId(Response response) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(response.headers().map());
        headers.keySet().removeAll(List.of("date", "x-request-id"));
        return headers;
    }

    @Test
    void tagsEveryResponseWithARequestId() {
        AccountFixture account = createAccount("Request ids", null);
        Response echoed = api.send("GET", "/v2/apps", account.basic(), null, null, Map.of("X-Request-Id", "abc-123"));
        assertThat(echoed.status()).isEqualTo(200);
        assertThat(echoed.header("X-Request-Id")).isEqualTo("abc-123");
        Response echoedOnError = api.send("GET", "/v2/apps", Auth.NONE, null, null,
                Map.of("X-Request-Id", "trace.id:42_x"));
        assertThat(echoedOnError.status()).isEqualTo(401);
        assertThat(echoedOnError.header("X-Request-Id")).isEqualTo("trace.id:42_x");
        Response echoed64 = api.send("GET", "/health/live", Auth.NONE, null, null,
                Map.of("X-Request-Id", "r".repeat(64)));
        assertThat(echoed64.header("X-Request-Id")).isEqualTo("r".repeat(64));

        for (String insane : List.of("has spaces in it", "a".repeat(200), "a".repeat(65), "<script>", "x;y=z",
                "abc/123")) {
            Response response = api.send("GET", "/health/live", Auth.NONE, null, null, Map.of("X-Request-Id", insane));
            String id = response.header("X-Request-Id");
            assertThat(id).as(insane).isNotNull().isNotEqualTo(insane).matches("[A-Za-z0-9._:-]{1,64}");
        }

        List<String> generated = new ArrayList<>();
        List<Response> variety = List.of(
                api.get("/health", Auth.NONE),
                api.get("/v2/apps", account.basic()),
                api.post("/v2/apps", account.basic(), "{\"displayName\":\"Tagged\"}"),
                api.get("/v2/apps", Auth.NONE),
                api.get("/no/such/path", Auth.NONE),
                api.put("/v2/apps", account.basic()),
                api.post("/v2/apps", account.basic(), "{}"),
                api.get("/admin/accounts", Auth.NONE),
                api.get("/admin/accounts/" + account.id(), server.operator()));
        for (Response response : variety) {
            assertCommonHeaders(response, response.toString());
            generated.add(response.header("X-Request-Id"));
        }
        assertThat(generated).as("each request gets its own id").doesNotHaveDuplicates();
    }

    @Test
    void answersAControlByteInThePathInTheErrorShape() throws IOException {
        RawResponse response = raw("GET /v2/apps\u0001x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertPreRoutingError(response);
    }

    @Test
    void answersAHeaderLineWithoutAColonInTheErrorShape() throws IOException {
        RawResponse response = raw("GET /v2/apps HTTP/1.1\r\nHost: 127.0.0.1\r\nThisLineHasNoColon\r\n"
                + "Connection: close\r\n\r\n");
        assertPreRoutingError(response, 400, "bad_request");
    }

    @Test
    void answersAnOversizedUriInTheErrorShape() throws IOException {
        RawResponse response = raw("GET /v2/apps?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
        assertPreRoutingError(response, 414, "uri_too_long");
        RawResponse longPath = raw("GET /" + "b".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
        assertPreRoutingError(longPath, 414, "uri_too_long");
    }

    @Test
    void answersAnOversizedHeaderInTheErrorShape() throws IOException {
        RawResponse response = raw("GET /v2/apps HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "c".repeat(64 * 1024)
                + "\r\nConnection: close\r\n\r\n");
        assertPreRoutingError(response, 431, "request_header_fields_too_large");
    }

    @Test
    void answersAMissingHostHeaderInTheErrorShape() throws IOException {
        RawResponse response = raw("GET /health HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertPreRoutingError(response);
    }

    @Test
    void answersAnUnsupportedHttpVersionWith505AndSaysSo() throws IOException {
        assertPreRoutingError(raw("GET /health HTTP/9.9\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), 505,
                "http_version_not_supported");
        assertPreRoutingError(raw("GET /health\r\n\r\n"), 505, "http_version_not_supported");
    }

    @Test
    void answersHttp2AndUnmetExpectationsWithTheCodesOfTheirStatuses() throws IOException {
        assertPreRoutingError(raw("GET /health HTTP/2.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), 426,
                "upgrade_required");
        assertPreRoutingError(raw("POST /v2/apps HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: something-else\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"), 417,
                "expectation_failed");
    }

    @Test
    void stillServesAfterMalformedRequests() throws IOException {
        raw("GET /v2/apps\u0001x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        RawResponse fine = raw("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(fine.status()).as("raw parsing works: " + fine).isEqualTo(200);
        assertThat(fine.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(fine.header("x-request-id")).isNotNull();
        RawResponse chunkedRequest = raw("POST /v2/apps HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"dis\r\n0\r\n\r\n");
        assertThat(chunkedRequest.status()).as("no credentials: " + chunkedRequest).isEqualTo(401);
        assertThat(JSON.readTree(chunkedRequest.body()).at("/errors/0/code").asText()).isEqualTo("unauthorized");
    }

    @Test
    void saysSoWheneverItClosesTheConnectionAfterAnError() throws IOException {
        // A client reuses a kept-alive connection unless the answer says "Connection: close"; a server that closes
        // silently makes the client's next request on it fail, and a POST is never retried.
        for (String target : List.of("/v2/apps/%00", "/%2e%2e/x", "/v2/apps/..;", "/v2/apps\u0001x", "/v2/apps/%zz")) {
            try (Socket socket = connect()) {
                RawResponse first = exchange(socket, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                assertThat(first.status()).as(target + ": " + first).isEqualTo(400);
                if ("close".equalsIgnoreCase(first.header("connection"))) {
                    continue;
                }
                RawResponse next;
                try {
                    next = exchange(socket, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                } catch (IOException | AssertionError e) {
                    throw new AssertionError("after " + target + " the server closed the connection without saying "
                            + "so: " + first, e);
                }
                assertThat(next.status()).as("the next request on the connection after " + target).isEqualTo(200);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Holds a response to the headers every response must carry. */
    private static void assertCommonHeaders(Response response, String what) {
        assertThat(response.header("X-Request-Id")).as("X-Request-Id of " + what).isNotBlank();
        assertThat(response.header("X-Content-Type-Options")).as("nosniff on " + what).isEqualTo("nosniff");
        assertThat(response.header("Cache-Control")).as("Cache-Control of " + what).isEqualTo("no-store");
        assertThat(response.header("X-Frame-Options")).as("X-Frame-Options of " + what).isEqualTo("DENY");
        String server = response.header("Server");
        assertThat(server == null ? "" : server.toLowerCase(Locale.ROOT)).as("Server header of " + what)
                .doesNotContain("jetty");
        assertThat(response.headers().allValues("X-Powered-By")).as("X-Powered-By of " + what).isEmpty();
    }

    @Test
    void refusesMethodOverridesSoAPatchCannotActAsADelete() {
        AccountFixture account = createAccount("Override", null);
        String appId = createApp(account.basic(), "Still here");
        Response refused = api.send("PATCH", "/v2/apps/" + appId, account.basic(), "application/json",
                "{\"displayName\":\"x\"}", Map.of("X-HTTP-Method-Override", "DELETE"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("bad_request");
        assertThat(api.get("/v2/apps/" + appId, account.basic()).at("/app/displayName")).isEqualTo("Still here");
    }

    @Test
    void refusesHeadRatherThanAnsweringWithoutAuthenticating() {
        AccountFixture account = createAccount("Head", null);
        for (Auth auth : List.of(Auth.NONE, account.basic())) {
            Response head = api.send("HEAD", "/v2/apps", auth, null, null, Map.of());
            assertThat(head.status()).isEqualTo(405);
            assertThat(head.text()).isEmpty();
        }
        for (String path : List.of("/openapi.yaml", "/v1.1/apps", "/admin/accounts", "/dashboard", "/health/deep")) {
            assertThat(api.send("HEAD", path, Auth.NONE, null, null, Map.of()).status()).as("HEAD " + path)
                    .isEqualTo(405);
        }
    }

    /** An error raised by the HTTP layer before any route: still a 4xx in the error shape, never HTML. */
    private static void assertPreRoutingError(RawResponse raw) throws IOException {
        assertThat(raw.status()).as(raw.toString()).isBetween(400, 499);
        assertErrorShape(raw);
    }

    /** An error raised before any route with exactly this status and the code that says what happened. */
    private static void assertPreRoutingError(RawResponse raw, int status, String code) throws IOException {
        assertThat(raw.status()).as(raw.toString()).isEqualTo(status);
        assertErrorShape(raw);
        assertThat(raw.json().at("/errors/0/code").asText()).as(raw.toString()).isEqualTo(code);
        assertThat(raw.json().at("/errors/0/title").asText()).as(raw.toString())
                .isEqualTo(ErrorCodes.titleFor(status));
    }

    private static void assertErrorShape(RawResponse raw) throws IOException {
        assertThat(raw.header("content-type")).as(raw.toString()).isNotNull();
        assertThat(raw.header("content-type").toLowerCase(Locale.ROOT)).as(raw.toString())
                .startsWith("application/json");
        assertThat(raw.body().toLowerCase(Locale.ROOT)).as(raw.toString())
                .doesNotContain("<html", "<body", "jetty", "<pre");
        assertThat(raw.headerBlock().toLowerCase(Locale.ROOT)).as(raw.toString()).doesNotContain("jetty");
        assertThat(raw.header("x-request-id")).as(raw.toString()).matches("[0-9a-f]{24}");
        assertThat(raw.header("x-content-type-options")).as(raw.toString()).isEqualTo("nosniff");
        assertThat(raw.header("cache-control")).as(raw.toString()).isEqualTo("no-store");
        JsonNode json = JSON.readTree(raw.body());
        assertThat(json.isObject()).as(raw.toString()).isTrue();
        JsonNode error = json.path("errors").path(0);
        assertThat(json.path("errors").isArray()).as(raw.toString()).isTrue();
        assertThat(error.path("code").isTextual()).as(raw.toString()).isTrue();
        assertThat(error.path("title").isTextual()).as(raw.toString()).isTrue();
        assertThat(error.path("code").asText()).isNotBlank();
        // The shared error-shape and no-internals checks; the path is one the OpenAPI document does not describe,
        // since the request never reached a route.
        Api.checkContract("GET", "/raw-socket-probe", raw.asResponse());
    }

    private static String padded(String json, int totalBytes) {
        int length = json.getBytes(StandardCharsets.UTF_8).length;
        assertThat(length).isLessThanOrEqualTo(totalBytes);
        return json + " ".repeat(totalBytes - length);
    }

    private static List<String> appIds(Auth auth) {
        Response list = api.get("/v2/apps?page[size]=100", auth);
        assertThat(list.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().path("apps").forEach(app -> ids.add(app.path("id").asText()));
        return ids;
    }

    /** A POST whose body is sent with Transfer-Encoding: chunked (no Content-Length). */
    private static Response chunkedPost(String path, Auth auth, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", auth.header())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        assertThat(request.bodyPublisher().orElseThrow().contentLength()).as("sent chunked").isNegative();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> raw;
        try {
            raw = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("POST " + path + " (chunked) failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        JsonNode parsed;
        try {
            parsed = raw.body().isEmpty() ? null : JSON.readTree(raw.body());
        } catch (IOException e) {
            parsed = null;
        }
        Response response = new Response(raw.statusCode(), raw.headers(), raw.body(), parsed);
        Api.checkContract("POST", path, response);
        return response;
    }

    /** Sends the bytes as they are (ISO-8859-1) to the server's port and reads the whole response. */
    private static RawResponse raw(String request) throws IOException {
        return RawHttp.send(port(), request);
    }

    private static Socket connect() throws IOException {
        return RawHttp.connect(port());
    }

    /** Sends one request on the connection and reads its whole response, leaving the connection open. */
    private static RawResponse exchange(Socket socket, String request) throws IOException {
        return RawHttp.exchange(socket, request);
    }

    private static int port() {
        return URI.create(api.baseUrl()).getPort();
    }
}
