package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.RawHttp;
import dev.parley.testing.RawResponse;
import dev.parley.testing.Response;
import dev.parley.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Absolute links (page links) and the OpenAPI document's server: PARLEY_PUBLIC_URL when it is set, whatever Host
 * header a client sends; without it, no host is written into the document.
 */
class PublicUrlApiTest extends ApiTest {
    private static final String PUBLIC_URL = "https://parley.example.com/base";

    @Test
    void linksAndTheDocumentsServerUseThePublicUrlWhateverHostTheClientSends() throws IOException {
        try (TestServer behindProxy = new TestServer(database, Map.of("PARLEY_PUBLIC_URL", PUBLIC_URL + "/"))) {
            Api api = behindProxy.api();
            Response account = api.post("/admin/accounts", behindProxy.operator(), "{\"displayName\":\"Proxied\"}");
            Auth key = Auth.basic(account.at("/key/id"), account.at("/key/secret"));
            for (String name : new String[]{"One", "Two", "Three"}) {
                assertThat(api.post("/v2/apps", key, "{\"displayName\":\"" + name + "\"}").status()).isEqualTo(201);
            }
            Response first = api.get("/v2/apps?page[size]=1", key);
            String firstId = first.at("/apps/0/id");
            assertThat(first.at("/links/next"))
                    .isEqualTo(PUBLIC_URL + "/v2/apps?page[after]=" + firstId + "&page[size]=1");
            Response middle = api.get("/v2/apps?page[after]=" + firstId + "&page[size]=1", key);
            assertThat(middle.at("/links/prev")).startsWith(PUBLIC_URL + "/v2/apps?page[before]=");
            assertThat(middle.at("/links/next")).startsWith(PUBLIC_URL + "/v2/apps?page[after]=");

            int port = URI.create(api.baseUrl()).getPort();
            for (String host : new String[]{"evil.example", "evil.example:443", "127.0.0.1:" + port}) {
                RawResponse page = RawHttp.send(port, "GET /v2/apps?page[size]=1 HTTP/1.1\r\nHost: " + host
                        + "\r\nAuthorization: " + key.header() + "\r\nX-Forwarded-Host: evil.example\r\n"
                        + "Connection: close\r\n\r\n");
                Api.checkContract("GET", "/v2/apps?page[size]=1", page.asResponse());
                assertThat(page.status()).as(host + ": " + page).isEqualTo(200);
                assertThat(page.json().at("/links/next").asText()).as("Host: " + host)
                        .isEqualTo(PUBLIC_URL + "/v2/apps?page[after]=" + firstId + "&page[size]=1");
            }

            RawResponse dashboard = RawHttp.send(port, "GET /dashboard HTTP/1.1\r\nHost: evil.example\r\n"
                    + "Connection: close\r\n\r\n");
            assertThat(dashboard.status()).as(dashboard.toString()).isEqualTo(303);
            assertThat(dashboard.header("location")).as("the dashboard redirects within the host the browser used")
                    .isEqualTo("/dashboard/account");

            String document = api.get("/openapi.yaml", Auth.NONE).text();
            assertThat(document).contains("servers:\n  - url: " + PUBLIC_URL + "\n").doesNotContain("url: /\n");
        }
    }

    @Test
    void withoutAPublicUrlTheDocumentNamesNoHostAndLinksFollowTheRequest() {
        String document = api.get("/openapi.yaml", Auth.NONE).text();
        assertThat(document).contains("servers:\n  - url: /\n").doesNotContain("localhost:8080");

        AccountFixture account = createAccount("Unproxied", null);
        createApp(account.basic(), "One");
        createApp(account.basic(), "Two");
        assertThat(api.get("/v2/apps?page[size]=1", account.basic()).at("/links/next"))
                .startsWith(api.baseUrl() + "/v2/apps?page[after]=");
    }
}
