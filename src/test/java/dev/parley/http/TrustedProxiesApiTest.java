package dev.parley.http;

import dev.parley.config.TrustedProxies;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Behind a trusted proxy, the client's address (for the audit log and the per-address limits) is the one the proxy
 * forwarded, and its word that the client came over TLS makes the dashboard's cookies Secure; from anyone else,
 * X-Forwarded-For and X-Forwarded-Proto change nothing. The test client connects from 127.0.0.1, so that is the
 * proxy here.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class TrustedProxiesApiTest {
    private static final Auth WRONG = Auth.basic("act_000000000000000000000000", "guess");

    @Parameter
    TestDatabase database;

    @Test
    void behindATrustedProxyEachForwardedClientIsItsOwnAddress() {
        try (TestServer server = new TestServer(database, Map.of("PARLEY_TRUSTED_PROXIES", "127.0.0.1",
                "PARLEY_RATE_LIMITS", "on", "PARLEY_RATE_LIMIT_FAILED_AUTH", "2"))) {
            Api api = server.api();
            Response created = api.send("POST", "/admin/accounts", server.operator(), "application/json",
                    "{\"displayName\":\"Forwarded\"}", forwardedFor("198.51.100.66, 203.0.113.7"));
            assertThat(created.status()).isEqualTo(201);
            assertThat(auditedAddress(server, created.at("/account/id"))).as("the address the proxy saw")
                    .isEqualTo("203.0.113.7");
            Auth key = Auth.basicOfCreatedKey(created);

            for (int i = 0; i < 2; i++) {
                assertThat(get(api, WRONG, "203.0.113.7").status()).isEqualTo(401);
            }
            assertThat(get(api, WRONG, "203.0.113.7").status()).as("that client is locked out").isEqualTo(429);
            assertThat(get(api, key, "203.0.113.7").status()).isEqualTo(429);
            assertThat(get(api, key, "203.0.113.8").status()).as("another client behind the same proxy")
                    .isEqualTo(200);
            assertThat(get(api, WRONG, "203.0.113.8").status()).isEqualTo(401);
        }
    }

    @Test
    void withoutTrustedProxiesTheHeaderChangesNothing() {
        try (TestServer server = new TestServer(database, Map.of("PARLEY_RATE_LIMITS", "on",
                "PARLEY_RATE_LIMIT_FAILED_AUTH", "2"))) {
            Api api = server.api();
            Response created = api.send("POST", "/admin/accounts", server.operator(), "application/json",
                    "{\"displayName\":\"Not forwarded\"}", forwardedFor("203.0.113.7"));
            assertThat(auditedAddress(server, created.at("/account/id"))).isEqualTo("127.0.0.1");
            Auth key = Auth.basicOfCreatedKey(created);

            for (int i = 0; i < 2; i++) {
                assertThat(get(api, WRONG, "203.0.113." + i).status()).isEqualTo(401);
            }
            assertThat(get(api, key, "203.0.113.99").status()).as("a new header does not escape the lockout")
                    .isEqualTo(429);
        }
    }

    @Test
    void dashboardCookiesAreSecureWhenATrustedProxyReceivedTheRequestOverTls() throws Exception {
        try (TestServer trusting = new TestServer(database, Map.of("PARLEY_TRUSTED_PROXIES", "127.0.0.0/8"));
             TestServer notTrusting = new TestServer(database)) {
            assertThat(signInCookie(trusting, "https")).endsWith("; Secure");
            assertThat(signInCookie(trusting, "http")).doesNotContain("Secure");
            assertThat(signInCookie(trusting, null)).doesNotContain("Secure");
            assertThat(signInCookie(notTrusting, "https")).as("anyone could send the header").doesNotContain("Secure");
        }
    }

    private static String signInCookie(TestServer server, String forwardedProto) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.api().baseUrl() + "/dashboard/sign-in"));
        if (forwardedProto != null) {
            request.header(TrustedProxies.FORWARDED_PROTO, forwardedProto);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> page = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            return page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("parley_sign_in="))
                    .findFirst().orElseThrow();
        }
    }

    private static Response get(Api api, Auth auth, String client) {
        return api.send("GET", "/v2/apps", auth, null, null, forwardedFor(client));
    }

    private static Map<String, String> forwardedFor(String addresses) {
        return Map.of(TrustedProxies.FORWARDED_FOR, addresses);
    }

    private static String auditedAddress(TestServer server, String accountId) {
        Response audit = server.api().get("/admin/audit?filter[accountId]=" + accountId, server.operator());
        JsonNode created = audit.json().path("events").path(0);
        assertThat(created.path("action").asText()).isEqualTo("account.create");
        return created.path("clientAddress").asText();
    }
}
