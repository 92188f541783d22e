package dev.parley.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The failures the generated requests found, each pinned down as a plain example so that a fix can be checked
 * without waiting for the generator to come across the input again.
 */
class FoundByGenerationApiTest extends ApiTest {
    /** 100 characters, each outside the Basic Multilingual Plane: 200 UTF-16 units, 400 bytes of UTF-8. */
    private static final String HUNDRED_EMOJI = "\\ud83d\\ude00".repeat(100);

    @Test
    void acceptsNamesOfOneHundredCharactersOutsideTheBmpEverywhere() {
        AccountFixture account = createAccount("Emoji names", null);
        String app = createApp(account.basic(), "Emoji");
        String serviceAccount = createServiceAccount(account.basic(), "Emoji");
        String body = "{\"displayName\":\"" + HUNDRED_EMOJI + "\"}";
        String expected = "\ud83d\ude00".repeat(100);
        for (String[] write : List.of(
                new String[]{"POST", "/v2/apps", "/app/displayName"},
                new String[]{"PATCH", "/v2/apps/" + app, "/app/displayName"},
                new String[]{"POST", "/v2/apps/" + app + "/keys", "/key/displayName"},
                new String[]{"POST", "/v2/serviceaccounts", "/serviceAccount/displayName"},
                new String[]{"PATCH", "/v2/serviceaccounts/" + serviceAccount, "/serviceAccount/displayName"},
                new String[]{"POST", "/v2/serviceaccounts/" + serviceAccount + "/keys", "/key/displayName"})) {
            Response response = api.send(write[0], write[1], account.basic(), "application/json", body, Map.of());
            assertThat(response.status()).as("%s %s with 100 emoji: %s", write[0], write[1], response)
                    .isBetween(200, 201);
            assertThat(response.at(write[2])).isEqualTo(expected);
        }
        Response operator = api.post("/admin/accounts", server.operator(), body);
        assertThat(operator.status()).as("POST /admin/accounts with 100 emoji: " + operator).isEqualTo(201);
        assertThat(api.get("/v2/apps/" + app, account.basic()).at("/app/displayName")).isEqualTo(expected);

        Response tooLong = api.post("/v2/apps", account.basic(), "{\"displayName\":\"" + "\\ud83d\\ude00".repeat(101) + "\"}");
        assertThat(tooLong.status()).as("101 emoji are one too many: " + tooLong).isEqualTo(400);
    }


    @Test
    void refusesHalfASurrogatePairAnywhereInABodyAndChangesNothing() {
        AccountFixture account = createAccount("Lone surrogates", null);
        String app = createApp(account.basic(), "Unchanged");
        for (String body : List.of("{\"displayName\":\"a\\ud800b\"}", "{\"displayName\":\"ends with \\ud83d\"}",
                "{\"displayName\":\"\\ude00 first\"}", "{\"displayName\":\"x\",\"metadata\":{\"k\":\"\\udc00\"}}")) {
            for (String[] write : List.of(new String[]{"POST", "/v2/apps"}, new String[]{"PATCH", "/v2/apps/" + app},
                    new String[]{"POST", "/v2/serviceaccounts"})) {
                Response refused = api.send(write[0], write[1], account.basic(), "application/json", body, Map.of());
                assertThat(refused.status()).as("%s %s %s: %s", write[0], write[1], body, refused).isEqualTo(400);
                assertThat(refused.json().at("/errors/0/title").asText()).as(body).contains("surrogate");
            }
        }
        // In a field name, the JSON parser refuses it itself.
        Response fieldName = api.post("/v2/apps", account.basic(),
                "{\"displayName\":\"x\",\"metadata\":{\"\\ud800\":\"v\"}}");
        assertThat(fieldName.status()).as(fieldName.toString()).isEqualTo(400);
        Response v1 = api.post("/v1.1/apps", account.basic(), "{\"name\":\"a\\udbffb\"}");
        assertThat(v1.status()).as(v1.toString()).isEqualTo(400);
        Response operator = api.post("/admin/accounts", server.operator(), "{\"displayName\":\"\\udfff\"}");
        assertThat(operator.status()).as(operator.toString()).isEqualTo(400);

        assertThat(idsOf(api.get("/v2/apps", account.basic()).json().path("apps"), "id")).containsExactly(app);
        assertThat(api.get("/v2/serviceaccounts", account.basic()).json().path("serviceAccounts")).isEmpty();
        assertThat(api.get("/v2/apps/" + app, account.basic()).at("/app/displayName")).isEqualTo("Unchanged");
    }

    @Test
    void answersMalformedPathsInTheErrorShapeWhateverTheMethod() {
        AccountFixture account = createAccount("Malformed paths", null);
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE")) {
            for (String path : List.of("/v2/apps/..;", "/v2/apps/%e0%80%ae", "/v2/serviceaccounts/x/keys/..;")) {
                Response response = rawResponse(method, path, account.basic());
                assertThat(response.status()).as("%s %s: %s", method, path, response).isEqualTo(400);
                assertThat(response.header("Content-Type")).as("%s %s: %s", method, path, response)
                        .startsWith("application/json");
                assertThat(response.text()).as("%s %s", method, path).contains("\"code\":\"bad_request\"");
                assertThat(response.header("X-Request-Id")).as("%s %s", method, path).isNotBlank();
                assertThat(response.header("X-Content-Type-Options")).as("%s %s", method, path).isEqualTo("nosniff");
            }
        }
    }

    @Test
    void echoesASaneRequestIdOnErrorsRaisedBeforeRouting() {
        for (String path : List.of("/v2/apps/%00", "/v2/apps/..;", "/%2e%2e/x")) {
            Response response = api.send("GET", path, Auth.NONE, null, null, Map.of("X-Request-Id", "trace-42.a:b"));
            assertThat(response.status()).as(path + ": " + response).isEqualTo(400);
            // Requests Jetty refuses while parsing them reach no code that could read their headers: a new id.
            assertThat(response.header("X-Request-Id")).as(path).matches("[0-9a-f]{24}|trace-42\\.a:b");
        }
    }

    @Test
    void answersEveryRequestWhoseBodyItDoesNotRead() {
        String body = "{\"displayName\":\"" + "z".repeat(60_000) + "\"}";
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            for (String[] request : List.of(new String[]{"POST", "/v2/apps"}, new String[]{"PUT", "/v1.1/apps/" + "0".repeat(24)},
                    new String[]{"GET", "/openapi.yaml"})) {
                try {
                    Response response = api.send(request[0], request[1], Auth.NONE, "application/json", body, Map.of());
                    assertThat(response.status()).isIn(200, 401);
                } catch (AssertionError e) {
                    lost.add(request[0] + " " + request[1] + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
        assertThat(lost).as("requests with a 60 KB body the server answered without reading it: every answer must "
                + "arrive").isEmpty();
    }

    /** A response to a request the harness's client sends as it is, without the contract check (which would fail first). */
    private Response rawResponse(String method, String path, Auth auth) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (auth.header() != null) {
            request.header("Authorization", auth.header());
        }
        try {
            HttpResponse<String> raw = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(raw.statusCode(), raw.headers(), raw.body(), null);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
