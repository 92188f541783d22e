package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.Polling;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two Parley servers sharing one PostgreSQL: a key deleted through one is refused by the other, although the other
 * had it cached, long before the cache's time-to-live (30 s) could expire it.
 */
class CrossServerRevocationTest {

    @Test
    void aDeletionOnOneServerReachesTheCacheOfTheOther() throws Exception {
        try (TestServer first = new TestServer(TestDatabase.POSTGRES);
             TestServer second = TestServer.sharing(first)) {
            Api one = first.api();
            Api two = second.api();
            Response account = one.post("/admin/accounts", first.operator(), "{\"displayName\":\"Shared\"}");
            JsonNode key = account.json().path("key");
            Auth accountKey = Auth.basic(key.path("id").asText(), key.path("secret").asText());
            String appId = one.post("/v2/apps", accountKey, "{\"displayName\":\"Shared app\"}").at("/app/id");
            JsonNode appKey = one.post("/v2/apps/" + appId + "/keys", accountKey, "{\"displayName\":\"k\"}")
                    .json().path("key");
            Auth appAuth = Auth.basic(appKey.path("id").asText(), appKey.path("secret").asText());

            assertThat(two.get("/v2/apps/" + appId, appAuth).status()).as("cached on the second server").isEqualTo(200);
            assertThat(one.delete("/v2/apps/" + appId + "/keys/" + appKey.path("id").asText(), accountKey).status())
                    .isEqualTo(200);

            int status = Polling.until(() -> two.get("/v2/apps/" + appId, appAuth).status(), answer -> answer == 401,
                    Duration.ofSeconds(5));
            assertThat(status).as("refused by the second server within 5 s of the deletion").isEqualTo(401);
        }
    }

    @Test
    void anIntegrationsDeletionOnOneServerEndsItsKeysOnTheOther() throws Exception {
        try (TestServer first = new TestServer(TestDatabase.POSTGRES);
             TestServer second = TestServer.sharing(first)) {
            Api one = first.api();
            Api two = second.api();
            JsonNode key = one.post("/admin/accounts", first.operator(), "{\"displayName\":\"Shared\"}")
                    .json().path("key");
            Auth accountKey = Auth.basic(key.path("id").asText(), key.path("secret").asText());
            String appId = one.post("/v2/apps", accountKey, "{\"displayName\":\"Shared app\"}").at("/app/id");
            String integrations = "/v2/apps/" + appId + "/integrations";
            String integrationId = one.post(integrations, accountKey, "{\"type\":\"custom\",\"webhooks\":[{"
                    + "\"target\":\"http://127.0.0.1:9/hook\",\"triggers\":[\"conversation:message\"]}]}")
                    .at("/integration/id");
            Auth integrationKey = Auth.basicOfCreatedKey(one.post(integrations + "/" + integrationId + "/keys",
                    accountKey, "{\"displayName\":\"bot\"}"));
            String users = "/v2/apps/" + appId + "/users/nobody";

            assertThat(two.get(users, integrationKey).status()).as("cached on the second server").isEqualTo(404);
            assertThat(one.delete(integrations + "/" + integrationId, accountKey).status()).isEqualTo(200);

            int status = Polling.until(() -> two.get(users, integrationKey).status(), answer -> answer == 401,
                    Duration.ofSeconds(5));
            assertThat(status).as("refused by the second server within 5 s of the deletion").isEqualTo(401);
        }
    }
}
